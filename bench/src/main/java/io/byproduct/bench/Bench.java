package io.byproduct.bench;

import io.byproduct.bench.topology.TopologyBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar bench/target/bench.jar <benchmark>}: benchmarks that print numbers, with their baselines. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {Bench.Topology.class, Bench.Gateway.class, Bench.SystemRun.class, Bench.Sweep.class},
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

    @Option(names = "--per-event", description = "Write one InteractionEvent record per event (the format before issue 22)"
        + " instead of one InteractionBatch per frame, as the gateway writes.")
    boolean perEvent;

    @Override
    public Integer call() throws Exception {
      new TopologyBenchmark(workers, pages, partitions, perEvent, System.out).run();
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

  @Command(name = "system", mixinStandardHelpOptions = true,
      description = "The whole system under N simulated workers over WebSockets (real time or as fast as possible),"
          + " with a bare producer and a pass-through topology measured on the same broker.")
  static final class SystemRun implements Callable<Integer> {

    @Option(names = "--workers", defaultValue = "100", description = "Simulated workers, one WebSocket each (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--pages", defaultValue = "3", description = "Most pages per worker (default: ${DEFAULT-VALUE}).")
    int pages;

    @Option(names = "--duration", defaultValue = "60", description = "Real time: seconds after which a worker starts no new page (default: ${DEFAULT-VALUE}).")
    long durationSeconds;

    @Option(names = "--ramp-up", defaultValue = "10", description = "Real time: seconds over which the workers start (default: ${DEFAULT-VALUE}).")
    long rampUpSeconds;

    @Option(names = "--warm-up", defaultValue = "20", description = "Real time: seconds after the ramp-up's start whose latencies are reported apart (default: ${DEFAULT-VALUE}).")
    long warmUpSeconds;

    @Option(names = "--fast", description = "Send every frame at once (throughput) instead of at the script's times.")
    boolean fast;

    @Option(names = "--flush-ms", defaultValue = "300", description = "How often the page sends a frame, as the web client (default: ${DEFAULT-VALUE}).")
    long flushMs;

    @Option(names = "--visits", defaultValue = "12", description = "Images the pointer visits per page (default: ${DEFAULT-VALUE}).")
    int visits;

    @Option(names = "--baseline-events", defaultValue = "400000", description = "Most events for the bare producer and the topologies (default: ${DEFAULT-VALUE}).")
    int baselineEvents;

    @Option(names = "--no-baselines", description = "Skip the bare producer and the topologies.")
    boolean noBaselines;

    @Option(names = "--gateway", description = "A running stack's gateway, e.g. http://localhost:8080 (then also --kafka and --dynamo); default: start one in this JVM.")
    java.net.URI gateway;

    @Option(names = "--kafka", description = "The running stack's Kafka bootstrap servers.")
    String kafka;

    @Option(names = "--dynamo", description = "The running stack's DynamoDB endpoint.")
    String dynamo;

    @Override
    public Integer call() throws Exception {
      io.byproduct.bench.system.SystemBenchmark.ExternalStack external = null;
      if (gateway != null) {
        if (kafka == null || dynamo == null) {
          throw new CommandLine.ParameterException(new CommandLine(this), "--gateway needs --kafka and --dynamo");
        }
        external = new io.byproduct.bench.system.SystemBenchmark.ExternalStack(gateway, kafka, dynamo);
      }
      new io.byproduct.bench.system.SystemBenchmark(new io.byproduct.bench.system.SystemBenchmark.Options(workers, pages,
          java.time.Duration.ofSeconds(durationSeconds), !fast, flushMs, java.time.Duration.ofSeconds(rampUpSeconds), visits,
          baselineEvents, !noBaselines, java.time.Duration.ofSeconds(warmUpSeconds), external), System.out).run();
      return 0;
    }
  }

  @Command(name = "sweep", mixinStandardHelpOptions = true,
      description = "The scaling curve: `system` once per worker count (one stack for all, no baselines, short points);"
          + " writes a table and two SVG charts. A benchmark: never run it in CI.")
  static final class Sweep implements Callable<Integer> {
    @Option(names = "--workers", split = ",", defaultValue = "100,250,500,1000,2000",
        description = "Worker counts, ascending (default: ${DEFAULT-VALUE}).")
    java.util.List<Integer> workers;

    @Option(names = "--pages", defaultValue = "1", description = "Most pages per worker (default: ${DEFAULT-VALUE}).")
    int pages;

    @Option(names = "--duration", defaultValue = "20", description = "Seconds after which a worker starts no new page (default: ${DEFAULT-VALUE}).")
    long durationSeconds;

    @Option(names = "--ramp-up", defaultValue = "10", description = "Seconds over which the workers start (default: ${DEFAULT-VALUE}).")
    long rampUpSeconds;

    @Option(names = "--warm-up", defaultValue = "10", description = "Seconds whose latencies are left out (default: ${DEFAULT-VALUE}).")
    long warmUpSeconds;

    @Option(names = "--settle", defaultValue = "60", description = "Longest wait after the last ack for pages, codes and the stream processor (default: ${DEFAULT-VALUE}).")
    long settleSeconds;

    @Option(names = "--out", defaultValue = ".", description = "Folder for bench-scaling.md and the two SVG charts (default: ${DEFAULT-VALUE}).")
    java.nio.file.Path out;

    @Override
    public Integer call() throws Exception {
      new io.byproduct.bench.sweep.ScalingSweep(new io.byproduct.bench.sweep.ScalingSweep.Options(workers, pages,
          java.time.Duration.ofSeconds(durationSeconds), java.time.Duration.ofSeconds(rampUpSeconds),
          java.time.Duration.ofSeconds(warmUpSeconds), java.time.Duration.ofSeconds(settleSeconds), out), System.out).run();
      return 0;
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Bench()).execute(args));
  }
}
