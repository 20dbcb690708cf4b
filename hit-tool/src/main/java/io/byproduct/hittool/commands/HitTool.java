package io.byproduct.hittool.commands;

import io.byproduct.hittool.manifest.InvalidManifestException;
import io.byproduct.hittool.review.MturkClient;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/** {@code java -jar hit-tool/target/hit-tool.jar}: the HIT import command line. */
@Command(name = "hit-tool", mixinStandardHelpOptions = true, version = "Byproduct hit-tool 0.1.0",
    subcommands = {ImportCommand.class, ValidateCommand.class, ShowCommand.class, VerifyCodesCommand.class, ReviewCommand.class,
        CommandLine.HelpCommand.class},
    description = {
        "Imports a study into Byproduct: reads a manifest of classes and images, builds HITs (pages of one class"
            + " with candidate images and optional positive and negative controls), writes them to the ImageNetHIT"
            + " table and writes the MTurk batch CSV; after the study, checks survey codes and approves or rejects"
            + " the assignments (review).",
        "'hit-tool COMMAND --help' describes each command."},
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0  done",
        "  1  the input cannot give HITs (every problem is listed)",
        "  2  wrong command line",
        "  3  DynamoDB, MTurk or a file could not be used",
        "  4  show: no such HIT",
        "  5  verify-codes: some survey codes are not the assignments' codes"})
public final class HitTool implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** The command line with hit-tool's error handling; {@code execute(args)} returns the exit code. */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new HitTool());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, cmd.getErr()));
    return commandLine;
  }

  static int handle(Exception e, PrintWriter err) {
    int code;
    if (e instanceof ToolException failure) {
      err.println("hit-tool: " + failure.getMessage());
      code = failure.exitCode();
    } else if (e instanceof InvalidManifestException invalid) {
      Reporting.print(invalid.problems(), err);
      code = ExitCodes.INVALID_INPUT;
    } else if (e instanceof MturkClient.MturkException mturk) {
      err.println("hit-tool: MTurk failed: " + mturk.getMessage());
      code = ExitCodes.UNAVAILABLE;
    } else if (e instanceof SdkException sdk) {
      err.println("hit-tool: AWS (DynamoDB or MTurk) failed: " + sdk.getMessage());
      code = ExitCodes.UNAVAILABLE;
    } else if (e instanceof java.io.IOException io) {
      err.println("hit-tool: " + io);
      code = ExitCodes.UNAVAILABLE;
    } else if (e instanceof UncheckedIOException io) {
      err.println("hit-tool: " + io.getMessage());
      code = ExitCodes.UNAVAILABLE;
    } else {
      err.println("hit-tool: unexpected error (a bug; please report it with this trace): " + e);
      e.printStackTrace(err);
      code = ExitCodes.SOFTWARE;
    }
    err.flush();
    return code;
  }

  public static void main(String[] args) {
    // the AWS SDK logs through SLF4J: only warnings, on stderr, unless asked otherwise
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    System.exit(newCommandLine().execute(args));
  }
}
