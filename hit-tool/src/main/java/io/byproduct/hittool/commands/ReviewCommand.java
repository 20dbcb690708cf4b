package io.byproduct.hittool.commands;

import io.byproduct.hittool.review.ApiReview;
import io.byproduct.hittool.review.BatchResults;
import io.byproduct.hittool.review.CsvReview;
import io.byproduct.hittool.review.FlagRules;
import io.byproduct.hittool.review.FlagThresholds;
import io.byproduct.hittool.review.FlagsSource;
import io.byproduct.hittool.review.MturkClient;
import io.byproduct.hittool.review.ReviewPolicy;
import io.byproduct.hittool.review.StoredPageFlags;
import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.tables.Tables;
import io.byproduct.platform.workers.SurveyCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code hit-tool review}: approves and rejects a batch's assignments, as an upload CSV or through the MTurk API. */
@Command(name = "review", sortOptions = false,
    header = "Approves or rejects each assignment of a batch, with the reason the worker reads.",
    descriptionHeading = "%n",
    description = {
        "Each Submitted assignment is rejected when its survey code is not the one the gateway showed (see"
            + " verify-codes) or when its stored pages are flagged (fails the positive controls, selects the negative"
            + " controls, too fast, all or none selected, selects images it never pointed at; thresholds below), and"
            + " approved otherwise. Assignments already approved or rejected are left alone. A summary (counts per"
            + " decision and reason) is printed first.",
        "--results FILE --out FILE: MTurk's batch results CSV in, the same CSV with Approve/Reject filled out, for"
            + " the MTurk UI's upload.",
        "--api: through the MTurk API (ListAssignmentsForHIT, ApproveAssignment, RejectAssignment), for the HITs"
            + " given with --hit-id or found in --results; a dry run unless --execute. Sandbox unless --production."
            + " Credentials: the AWS SDK's default chain (environment, profile, instance role)."},
    optionListHeading = "%nOptions:%n")
final class ReviewCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  HelpOption help;

  @Mixin
  DynamoOptions dynamo;

  @Option(names = "--key-file", paramLabel = "FILE",
      description = "File holding the gateway's survey-code key (default: the environment variable "
          + VerifyCodesCommand.KEY_ENV + ").")
  Path keyFile;

  static final String WORKER_ID_KEY_ENV = "BYPRODUCT_WORKER_ID_KEY";

  @Option(names = "--worker-id-key-file", paramLabel = "FILE",
      description = "With --flags stored: file holding the gateway's worker-id key (byproduct.gateway.worker-id-key;"
          + " default: the environment variable " + WORKER_ID_KEY_ENV + "). It tells the annotation our page started"
          + " for an assignment from one the seed API stored claiming the assignment id.")
  Path workerIdKeyFile;

  @Option(names = "--results", paramLabel = "FILE.csv", description = "MTurk's batch results CSV.")
  Path results;

  @Option(names = "--out", paramLabel = "FILE.csv", description = "The upload CSV to write (not with --api).")
  Path out;

  @Option(names = "--api", description = "Review through the MTurk API instead of an upload CSV.")
  boolean api;

  @Option(names = "--hit-id", paramLabel = "ID", description = "With --api: an MTurk HIT id; repeatable.")
  List<String> hitIds = new ArrayList<>();

  @Option(names = "--execute", description = "With --api: approve and reject (without it, only the summary).")
  boolean execute;

  @Option(names = "--production", description = "With --api: the production endpoint (real money) instead of the sandbox.")
  boolean production;

  @Option(names = "--endpoint", paramLabel = "URL", description = "With --api: another MTurk endpoint (tests).")
  URI endpoint;

  @Option(names = "--flags", paramLabel = "stored|none", defaultValue = "stored",
      description = "Flags from the stored pages (default), or none (survey codes only).")
  String flagsFrom;

  @Option(names = "--min-positive-controls", paramLabel = "SHARE", defaultValue = "0.5",
      description = "Flag when fewer of the positive controls were selected (default ${DEFAULT-VALUE}).")
  double minPositive;

  @Option(names = "--max-negative-controls", paramLabel = "SHARE", defaultValue = "0.5",
      description = "Flag when more of the negative controls were selected (default ${DEFAULT-VALUE}).")
  double maxNegative;

  @Option(names = "--min-page-seconds", paramLabel = "S", defaultValue = "8",
      description = "Flag when the median page took less (default ${DEFAULT-VALUE}).")
  double minPageSeconds;

  @Option(names = "--max-uniform-pages", paramLabel = "SHARE", defaultValue = "0.5",
      description = "Flag when more pages ended with all or no images selected (default ${DEFAULT-VALUE}).")
  double maxUniformPages;

  @Option(names = "--max-unhovered-selections", paramLabel = "SHARE", defaultValue = "0.2",
      description = "Flag when more of the selected images were never hovered (default ${DEFAULT-VALUE}).")
  double maxUnhovered;

  @Override
  public Integer call() throws IOException {
    PrintWriter printed = spec.commandLine().getOut();
    if (!api && (results == null || out == null)) {
      throw new ParameterException(spec.commandLine(), "give --results FILE.csv and --out FILE.csv, or --api");
    }
    if (api && out != null) {
      throw new ParameterException(spec.commandLine(), "--out is for the upload CSV; --api acts on MTurk directly");
    }
    if (!flagsFrom.equals("stored") && !flagsFrom.equals("none")) {
      throw new ParameterException(spec.commandLine(), "--flags must be stored or none");
    }
    FlagThresholds thresholds = thresholds();
    SurveyCodes codes = new SurveyCodes(VerifyCodesCommand.readKey(keyFile));
    BatchResults batch = results == null ? null : readResults();
    DynamoProperties props = dynamo.toProperties();
    try (DynamoDbClient client = flagsFrom.equals("stored") ? DynamoClients.create(props) : null) {
      FlagsSource flags = client == null ? FlagsSource.none()
          : new StoredPageFlags(client, new Tables(props.tables()), new FlagRules(thresholds), workerIdKey());
      ReviewPolicy policy = new ReviewPolicy(codes, flags);
      if (!api) {
        new CsvReview(policy, printed).run(batch, out);
        return ExitCodes.OK;
      }
      List<String> hits = new ArrayList<>(hitIds);
      if (batch != null) {
        batch.hitIds().stream().filter(h -> !hits.contains(h)).forEach(hits::add);
      }
      if (hits.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "--api needs --hit-id ID or --results FILE.csv");
      }
      URI target = endpoint != null ? endpoint : production ? MturkClient.PRODUCTION : MturkClient.SANDBOX;
      printed.printf("review: MTurk at %s, %d HIT(s)%n", target, hits.size());
      try (SdkHttpClient http = UrlConnectionHttpClient.create();
          DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build()) {
        ApiReview.Result result = new ApiReview(new MturkClient(http, credentials, target, 6, Duration.ofMillis(500)),
            policy, printed).run(hits, execute);
        return result.failed() == 0 ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
      }
    }
  }

  private String workerIdKey() throws IOException {
    String key = workerIdKeyFile != null ? Files.readString(workerIdKeyFile).trim() : System.getenv(WORKER_ID_KEY_ENV);
    if (key == null || key.isBlank()) {
      throw new ToolException(ExitCodes.USAGE, "--flags stored needs the worker-id key: give --worker-id-key-file FILE"
          + " or set " + WORKER_ID_KEY_ENV + " (or use --flags none to decide on survey codes alone)");
    }
    return key;
  }

  private BatchResults readResults() throws IOException {
    try {
      return BatchResults.read(results);
    } catch (IllegalArgumentException e) {
      throw new ToolException(ExitCodes.INVALID_INPUT, e.getMessage());
    }
  }

  private FlagThresholds thresholds() {
    try {
      return new FlagThresholds(minPositive, maxNegative, minPageSeconds, maxUniformPages, maxUnhovered);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
