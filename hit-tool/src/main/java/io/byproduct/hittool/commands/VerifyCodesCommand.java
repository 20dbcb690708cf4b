package io.byproduct.hittool.commands;

import io.byproduct.hittool.manifest.ImagesCsv;
import io.byproduct.hittool.manifest.Problem;
import io.byproduct.platform.workers.SurveyCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hit-tool verify-codes}: tells real survey codes from guessed ones, for one assignment or
 * for every row of an MTurk batch results CSV, with the gateway's secret key.
 */
@Command(name = "verify-codes", sortOptions = false,
    header = "Checks the survey codes workers pasted into MTurk.",
    descriptionHeading = "%n",
    description = {
        "A survey code is six hex characters derived from the MTurk HIT id, worker id and assignment id under the"
            + " gateway's survey-code key (byproduct.gateway.survey-code-key, not the worker-id key), and shown only once the worker finished the"
            + " HIT. Give one assignment with --hit-id/--worker-id/--assignment-id/--code, or MTurk's batch results"
            + " CSV with --results (columns HITId, AssignmentId, WorkerId, Answer.surveycode). Prints"
            + " AssignmentId,WorkerId,HITId,code,valid per assignment."},
    optionListHeading = "%nOptions:%n")
final class VerifyCodesCommand implements Callable<Integer> {

  static final String KEY_ENV = "BYPRODUCT_SURVEY_CODE_KEY";

  @Spec
  CommandSpec spec;

  @Mixin
  HelpOption help;

  @Option(names = "--key-file", paramLabel = "FILE",
      description = "File holding the gateway's survey-code key (devstack: <data dir>/survey-code-key; default: the environment variable " + KEY_ENV + ").")
  Path keyFile;

  @Option(names = "--results", paramLabel = "FILE.csv", description = "MTurk's batch results CSV.")
  Path results;

  @Option(names = "--hit-id", paramLabel = "ID", description = "MTurk HIT id (with --worker-id, --assignment-id, --code).")
  String hitId;

  @Option(names = "--worker-id", paramLabel = "ID", description = "MTurk worker id.")
  String workerId;

  @Option(names = "--assignment-id", paramLabel = "ID", description = "MTurk assignment id.")
  String assignmentId;

  @Option(names = "--code", paramLabel = "CODE", description = "The code the worker pasted.")
  String code;

  record Submission(String hitId, String assignmentId, String workerId, String code) {}

  @Override
  public Integer call() throws IOException {
    SurveyCodes codes = new SurveyCodes(readKey(keyFile));
    List<Submission> submissions = results != null ? readResults(results) : List.of(single());
    PrintWriter out = spec.commandLine().getOut();
    int invalid = 0;
    out.println("AssignmentId,WorkerId,HITId,code,valid");
    for (Submission s : submissions) {
      boolean valid = codes.verify(s.hitId(), s.workerId(), s.assignmentId(), s.code());
      invalid += valid ? 0 : 1;
      out.println(String.join(",", s.assignmentId(), s.workerId(), s.hitId(),
          s.code() == null ? "" : s.code().trim().toUpperCase(Locale.ROOT), String.valueOf(valid)));
    }
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    err.printf("%d of %d survey codes valid%n", submissions.size() - invalid, submissions.size());
    err.flush();
    return invalid == 0 ? ExitCodes.OK : ExitCodes.INVALID_CODES;
  }

  /** The survey-code key from the file, else from {@value #KEY_ENV}. */
  static String readKey(Path keyFile) throws IOException {
    String key = keyFile != null ? Files.readString(keyFile, StandardCharsets.UTF_8).trim() : System.getenv(KEY_ENV);
    if (key == null || key.isBlank()) {
      throw new ToolException(ExitCodes.USAGE, "no key: give --key-file FILE or set " + KEY_ENV
          + " to the gateway's byproduct.gateway.survey-code-key");
    }
    return key;
  }

  private Submission single() {
    if (hitId == null || workerId == null || assignmentId == null || code == null) {
      throw new ToolException(ExitCodes.USAGE,
          "give --results FILE.csv, or all of --hit-id, --worker-id, --assignment-id and --code");
    }
    return new Submission(hitId, assignmentId, workerId, code);
  }

  static List<Submission> readResults(Path file) throws IOException {
    List<Problem> problems = new ArrayList<>();
    List<ImagesCsv.Row> rows;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      rows = ImagesCsv.parse(reader, file.toString(), problems);
    }
    if (rows.isEmpty()) {
      throw new ToolException(ExitCodes.INVALID_INPUT, file + ": empty");
    }
    List<String> header = rows.get(0).fields();
    int hit = column(header, "HITId", file);
    int assignment = column(header, "AssignmentId", file);
    int worker = column(header, "WorkerId", file);
    int answer = column(header, "Answer.surveycode", file);
    List<Submission> submissions = new ArrayList<>();
    for (ImagesCsv.Row row : rows.subList(1, rows.size())) {
      List<String> f = row.fields();
      if (f.size() <= Math.max(Math.max(hit, assignment), Math.max(worker, answer))) {
        throw new ToolException(ExitCodes.INVALID_INPUT, file + ":" + row.line() + ": too few columns");
      }
      submissions.add(new Submission(f.get(hit), f.get(assignment), f.get(worker), f.get(answer)));
    }
    return submissions;
  }

  private static int column(List<String> header, String name, Path file) {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    throw new ToolException(ExitCodes.INVALID_INPUT, file + ": no column '" + name + "' (MTurk's batch results CSV has"
        + " HITId, AssignmentId, WorkerId and Answer.surveycode)");
  }
}
