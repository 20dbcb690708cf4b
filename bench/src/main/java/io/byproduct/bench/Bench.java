package io.byproduct.bench;

import io.byproduct.bench.topology.TopologyBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar bench/target/bench.jar <benchmark>}: benchmarks that print numbers, with their baselines. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {Bench.Topology.class, Bench.Gateway.class},
    description = "Byproduct's benchmarks. Each prints our numbers beside a baseline measured in the same run.")
public final class Bench implements Runnable {

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  @Command(name = "topology", mixinStandardHelpOptions = true,
      description = "Capture topology vs a pass-through topology (exactly-once), and a bare producer, on one broker.")
  static final class Topology implements Callable<Integer> {

    @Option(names = "--workers", defaultValue = "200", description = "Simulated workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--pages", defaultValue = "2", description = "Pages per worker (default: ${DEFAULT-VALUE}).")
    int pages;

    @Option(names = "--partitions", defaultValue = "2", description = "Partitions of the topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Override
    public Integer call() throws Exception {
      new TopologyBenchmark(workers, pages, partitions, System.out).run();
      return 0;
    }
  }

  @Command(name = "gateway", mixinStandardHelpOptions = true,
      description = "Gateway (WebSocket, counted at ack) vs a bare Kafka producer on one broker; wire bytes per sample.")
  static final class Gateway implements Callable<Integer> {

    @Option(names = "--workers", defaultValue = "50", description = "Simulated workers, one WebSocket each (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--pages", defaultValue = "2", description = "Pages per worker (default: ${DEFAULT-VALUE}).")
    int pages;

    @Option(names = "--flush-ms", defaultValue = "500", description = "How often the page flushes a frame (default: ${DEFAULT-VALUE}).")
    long flushMs;

    @Override
    public Integer call() throws Exception {
      new io.byproduct.bench.gateway.GatewayBenchmark(workers, pages, flushMs, System.out).run();
      return 0;
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Bench()).execute(args));
  }
}
