package io.byproduct.hittool.commands;

import io.byproduct.hittool.batch.BatchCsv;
import io.byproduct.hittool.batch.VersionChoice;
import io.byproduct.hittool.hits.BuildOptions;
import io.byproduct.hittool.hits.BuiltHits;
import io.byproduct.hittool.hits.CatalogWriter;
import io.byproduct.hittool.hits.HitTable;
import io.byproduct.hittool.hits.HitWriter;
import io.byproduct.hittool.manifest.Manifest;
import io.byproduct.hittool.reviews.HitReviewPublisher;
import io.byproduct.hittool.reviews.HitReviews;
import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.catalog.Catalog;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code hit-tool import}: validate, build, write the HITs, write the batch CSV. */
@Command(name = "import", sortOptions = false,
    header = "Checks a manifest, builds HITs, writes them and the MTurk batch CSV.",
    descriptionHeading = "%n",
    description = {
        "Checks the manifest, builds the HITs, writes them to the HIT table (same HIT id, same content: running it"
            + " again is harmless), then writes the MTurk batch CSV for amt-question-form.html"
            + " (toolLink,version,hitDatasetName,imageNetHitId; one row per HIT).",
        "Nothing is written if the input has errors; the CSV is written after the last HIT, complete or not at all."},
    parameterListHeading = "%nArguments:%n", optionListHeading = "%nOptions:%n")
final class ImportCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  HelpOption help;

  @Mixin
  ManifestInput input;

  @Option(names = "--csv", required = true, paramLabel = "FILE", description = "Where to write the MTurk batch CSV.")
  Path csv;

  @Option(names = "--tool-link", required = true, paramLabel = "URL",
      description = "The worker's page, e.g. https://annotate.example.org/ (the CSV's toolLink).")
  String toolLink;

  @Option(names = "--version", paramLabel = "VERSION", defaultValue = "NO_POINTER_NO_ORIGINAL",
      converter = VersionConverter.class,
      description = "Interface version of the rows: POINTER_ORIGINAL, NO_POINTER_ORIGINAL, POINTER_NO_ORIGINAL,"
          + " NO_POINTER_NO_ORIGINAL, or random (the four balanced over the rows, shuffled from --seed)"
          + " (default: ${DEFAULT-VALUE}, the seed's default).")
  VersionChoice version;

  @Mixin
  BuildOptionsMixin build;

  @Mixin
  DynamoOptions dynamo;

  @Option(names = "--create-table", description = "Create the HIT, class and image tables if they do not exist.")
  boolean createTable;

  @Option(names = "--kafka-bootstrap-servers", paramLabel = "HOST:PORT",
      description = "Also publish every HIT's classes and controls to the topic hit-reviews, which the stream"
          + " processor's quality topology scores the pages against. Without it, pages of these HITs are counted"
          + " as unscored (flag UNKNOWN_HIT).")
  String kafkaBootstrapServers;

  @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "",
      description = "The services' byproduct.topics.prefix (default: none).")
  String topicPrefix;

  @Option(names = "--progress-every", paramLabel = "N", defaultValue = "100",
      description = "Print a progress line every N HITs written (default: ${DEFAULT-VALUE}).")
  int progressEvery;

  static final class VersionConverter implements ITypeConverter<VersionChoice> {
    @Override
    public VersionChoice convert(String value) {
      return VersionChoice.parse(value).orElseThrow(() -> new TypeConversionException("'" + value
          + "' is not POINTER_ORIGINAL, NO_POINTER_ORIGINAL, POINTER_NO_ORIGINAL, NO_POINTER_NO_ORIGINAL or random"));
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    BuildOptions options = build.toOptions();
    DynamoProperties properties = dynamo.toProperties();
    String linkProblem = BatchCsv.toolLinkProblem(toolLink);
    if (linkProblem != null) {
      throw new ParameterException(spec.commandLine(), "--tool-link " + linkProblem);
    }
    if (Files.isDirectory(csv)) {
      throw new ParameterException(spec.commandLine(), "--csv " + csv + " is a folder; name the file to write");
    }
    if (progressEvery < 1) {
      throw new ParameterException(spec.commandLine(), "--progress-every must be at least 1");
    }

    Manifest manifest = Reporting.requireValid(input.read(), input.manifest.toString(), err);
    out.println("Manifest " + input.manifest + ": " + Reporting.summary(manifest));
    BuiltHits built = Reporting.build(manifest, options, err);
    out.println("Built " + Reporting.summary(built) + ": " + build.describe());
    List<BatchCsv.Row> rows = BatchCsv.rows(built.hits(), toolLink, version, options.seed());
    out.flush();
    requireWritableFolder(csv);

    String where = dynamo.describe(properties);
    AtomicInteger written = new AtomicInteger();
    try (DynamoDbClient client = DynamoClients.create(properties)) {
      Tables tables = new Tables(properties.tables());
      List<String> created = HitTable.ensure(client, tables, createTable, DynamoClients.describe(properties));
      if (!created.isEmpty()) {
        out.println("Created the tables " + String.join(", ", created));
      }
      out.println("Writing " + Reporting.count(manifest.classes().size(), "class", "classes") + " and "
          + Reporting.count(manifest.images().size(), "image") + " to the catalog ...");
      out.flush();
      CatalogWriter.write(new Catalog(client, tables), manifest);
      out.println("Writing " + Reporting.count(built.hits().size(), "HIT") + " to " + where + " ...");
      out.flush();
      HitWriter.write(new HitStore(client, tables), built.hits(), progressEvery, (done, total) -> {
        written.set(done);
        out.printf("  %d/%d HITs written (%d%%)%n", done, total, done * 100L / total);
        out.flush();
      });
    } catch (HitTable.MissingTableException e) {
      throw new ToolException(ExitCodes.UNAVAILABLE, e.getMessage() + "; nothing was written.");
    } catch (SdkException e) {
      String hint = e instanceof SdkClientException
          ? " Is DynamoDB running there? Check --dynamo-endpoint, --region and the AWS credentials."
          : " Check the credentials' permissions and the table.";
      throw new ToolException(ExitCodes.UNAVAILABLE, "DynamoDB failed (" + where + "): " + e.getMessage() + "."
          + hint + " " + written.get() + " of " + built.hits().size() + " HITs were written before; importing again"
          + " rewrites them with the same content. The batch CSV was not written.");
    }

    publishReviews(built, out);

    try {
      Path file = BatchCsv.write(csv, rows);
      out.println("Wrote the batch CSV " + file + ": " + Reporting.count(rows.size(), "row") + ", versions "
          + versionCounts(rows));
    } catch (UncheckedIOException e) {
      throw new ToolException(ExitCodes.UNAVAILABLE, e.getMessage() + " (the HITs are in the table; run the import"
          + " again with another --csv to get the batch)");
    }
    out.println("Done: dataset '" + manifest.dataset() + "', " + Reporting.summary(built) + ".");
    out.flush();
    return ExitCodes.OK;
  }

  private void publishReviews(BuiltHits built, PrintWriter out) {
    if (kafkaBootstrapServers == null || kafkaBootstrapServers.isBlank()) {
      out.println("Not published to hit-reviews (no --kafka-bootstrap-servers): the live quality scores will not"
          + " know these HITs' classes and controls.");
      return;
    }
    Topics topics = Topics.withPrefix(topicPrefix);
    try (HitReviewPublisher publisher = new HitReviewPublisher(Map.of("bootstrap.servers", kafkaBootstrapServers),
        topics.hitReviews, Duration.ofSeconds(30))) {
      int n = publisher.publish(built.hits().stream().map(HitReviews::of).toList());
      out.println("Published " + Reporting.count(n, "HIT review") + " to " + topics.hitReviews.name());
    } catch (RuntimeException e) {
      throw new ToolException(ExitCodes.UNAVAILABLE, "Kafka at " + kafkaBootstrapServers + " failed: "
          + e.getMessage() + ". The HITs are in the table; import again to publish their reviews. The batch CSV"
          + " was not written.");
    }
  }

  /** Fails before any HIT is written if the batch CSV could not be written where asked. */
  private static void requireWritableFolder(Path file) {
    Path folder = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(folder);
    } catch (IOException | UncheckedIOException e) {
      throw new ToolException(ExitCodes.UNAVAILABLE, "cannot create the folder of --csv " + file + " (" + e + ");"
          + " nothing was written.");
    }
    if (!Files.isWritable(folder)) {
      throw new ToolException(ExitCodes.UNAVAILABLE, "cannot write into " + folder + " (--csv " + file + ");"
          + " nothing was written.");
    }
  }

  private static String versionCounts(List<BatchCsv.Row> rows) {
    Map<String, Integer> counts = new TreeMap<>();
    rows.forEach(r -> counts.merge(r.version(), 1, Integer::sum));
    StringBuilder text = new StringBuilder();
    counts.forEach((v, n) -> text.append(text.isEmpty() ? "" : ", ").append(v).append(" ").append(n));
    return text.toString();
  }
}
