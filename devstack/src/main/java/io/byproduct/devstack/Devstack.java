package io.byproduct.devstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar devstack/target/devstack.jar}: the whole system on this machine, until Ctrl-C. */
@Command(name = "devstack", mixinStandardHelpOptions = true, version = "Byproduct devstack 0.1.0",
    description = {
        "Starts a real Kafka broker (KRaft), a DynamoDB-compatible server (dynalite), the gateway,",
        "the stream processor and the page assembler, loads the demo dataset and prints the URL to open.",
        "Ctrl-C stops everything."})
public final class Devstack implements Callable<Integer> {

  @Option(names = {"-d", "--data-dir"}, paramLabel = "DIR",
      description = "Keep Kafka, DynamoDB and stream state in DIR across restarts (default: in memory, gone on exit).")
  Path dataDir;

  @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "8080",
      description = "The gateway's HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Override
  public Integer call() throws InterruptedException {
    LocalStack stack = LocalStack.start(dataDir, port, System.out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("\nStopping Byproduct ...");
      stack.close();
      System.out.println("Stopped.");
      stopped.countDown();
    }, "devstack-shutdown"));
    System.out.println();
    System.out.println("Byproduct is running.");
    System.out.println("  Worker's page (demo HIT): " + stack.demoUrl());
    System.out.println("  Health:                   " + stack.baseUrl() + "/actuator/health");
    System.out.println("  Live events:              " + stack.baseUrl() + "/live/stream?token=" + stack.liveToken());
    System.out.println("  Kafka:                    " + stack.kafkaBootstrapServers());
    System.out.println("  DynamoDB endpoint:        " + stack.dynamoEndpoint());
    System.out.println("  Data:                     " + (dataDir == null ? "in memory" : stack.dataDir()));
    System.out.println("Press Ctrl-C to stop.");
    stopped.await();
    return 0;
  }

  public static void main(String[] args) {
    int exit = new CommandLine(new Devstack()).execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }
}
