package io.byproduct.analytics;

import io.byproduct.analytics.export.ExportCommand;
import io.byproduct.analytics.labels.LabelsCommand;
import io.byproduct.analytics.replay.ReplayCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/** {@code java -jar analytics/target/analytics.jar}: replay and export for researchers and analysts. */
@Command(name = "analytics", mixinStandardHelpOptions = true, version = "Byproduct analytics 0.1.0",
    subcommands = {ReplayCommand.class, ExportCommand.class, LabelsCommand.class, CommandLine.HelpCommand.class},
    description = {
        "Re-derives and exports Byproduct's data: 'replay' runs a range of the raw interactions through the capture"
            + " topology into new topics, files or tables; 'export' writes pages, per-image records or raw events as"
            + " JSONL, Avro, Parquet or a mousetrap CSV; 'labels' turns the stored pages' selections into Dawid–Skene"
            + " labels and per-worker sensitivity and specificity.",
        "'analytics COMMAND --help' describes each command. Fields and units: docs/data-dictionary.md."},
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0  done",
        "  1  refused: an output exists already, a topic is missing, an interrupted export has other options",
        "  2  wrong command line",
        "  3  Kafka, DynamoDB or a file could not be used",
        "  4  export: nothing in the range matched the filters (no output; the datasets seen are listed)",
        " 70  a bug (the trace is printed)"})
public final class Analytics implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** The command line with analytics' error handling; {@code execute(args)} returns the exit code. */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new Analytics());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, cmd.getErr()));
    return commandLine;
  }

  static int handle(Exception e, PrintWriter err) {
    int code;
    if (e instanceof AnalyticsException failure) {
      err.println("analytics: " + failure.getMessage());
      code = failure.exitCode();
    } else if (e instanceof KafkaException || e instanceof java.util.concurrent.ExecutionException
        || e instanceof java.util.concurrent.TimeoutException) {
      err.println("analytics: Kafka failed: " + e.getMessage());
      code = ExitCodes.UNAVAILABLE;
    } else if (e instanceof SdkException sdk) {
      err.println("analytics: DynamoDB failed: " + sdk.getMessage());
      code = ExitCodes.UNAVAILABLE;
    } else if (e instanceof IOException || e instanceof UncheckedIOException) {
      err.println("analytics: " + e.getMessage());
      code = ExitCodes.UNAVAILABLE;
    } else {
      err.println("analytics: unexpected error (a bug; please report it with this trace): " + e);
      e.printStackTrace(err);
      code = ExitCodes.SOFTWARE;
    }
    err.flush();
    return code;
  }

  /**
   * Kafka and the AWS SDK log through SLF4J (slf4j-simple, stderr). By default only the AWS SDK's
   * warnings and the Kafka clients' errors show: the Kafka clients' routine warnings ("Not updating
   * last stable offset", ...) are noise to an analyst; {@code --verbose} shows everything from info
   * on. A level set with {@code -D} is kept. Must run before the first logger is made.
   */
  static void quietLogging(boolean verbose) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
    }
    if (!verbose && System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka") == null) {
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
    }
  }

  public static void main(String[] args) {
    quietLogging(java.util.Arrays.asList(args).contains("--verbose"));
    System.exit(newCommandLine().execute(args));
  }
}
