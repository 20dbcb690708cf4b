package io.byproduct.analytics.replay;

import io.byproduct.analytics.ExitCodes;
import io.byproduct.analytics.export.ExportSettings;
import io.byproduct.analytics.export.Exporter;
import io.byproduct.analytics.export.Format;
import io.byproduct.analytics.export.What;
import io.byproduct.analytics.kafka.Instants;
import io.byproduct.analytics.kafka.KafkaOptions;
import io.byproduct.analytics.kafka.OffsetBound;
import io.byproduct.analytics.kafka.RangeSpec;
import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.tables.TableProvisioner;
import io.byproduct.platform.tables.Tables;
import io.byproduct.pageassembler.writing.PageWriter;
import io.byproduct.pageassembler.writing.WriteOutcome;
import io.byproduct.schemas.topics.Topics;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code analytics replay}: re-derive pages from a range of raw interactions with the capture topology. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Replays a range of the raw 'interactions' topic (by offsets and/or time) through the stream processor's"
            + " capture topology into new output: topics under a new prefix, files, or DynamoDB tables. Use it to"
            + " re-derive pages after a rule or schema change.",
        "Deterministic: the pages of a replayed history equal the stored ones. Pages still open when the range ends"
            + " are emitted ABANDONED (as the live processor would after its idle time) or, with --open-pages omit,"
            + " left out."})
public final class ReplayCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka = new KafkaOptions();

  @Option(names = "--from-offset", paramLabel = "OFFSET|P:OFFSET,...", converter = OffsetBound.Converter.class,
      description = "First offset replayed, for every partition or per partition (default: the first kept).")
  OffsetBound fromOffset;

  @Option(names = "--to-offset", paramLabel = "OFFSET|P:OFFSET,...", converter = OffsetBound.Converter.class,
      description = "Offset where the replay stops, exclusive (default: the end when the replay starts).")
  OffsetBound toOffset;

  @Option(names = "--from-time", paramLabel = "TIME", converter = Instants.class,
      description = "Start at the first event the gateway accepted at or after TIME (2026-03-01T12:00:00Z,"
          + " 2026-03-01, or epoch ms), per partition.")
  Instant fromTime;

  @Option(names = "--to-time", paramLabel = "TIME", converter = Instants.class,
      description = "Stop before the first event accepted at or after TIME, per partition.")
  Instant toTime;

  @Option(names = "--dataset", paramLabel = "NAME", description = "Replay only the events of this hitDatasetName.")
  String dataset;

  @ArgGroup(exclusive = true, multiplicity = "1", heading = "Output (one of):%n")
  Output output;

  static final class Output {
    @Option(names = "--to-topic-prefix", paramLabel = "PREFIX", required = true,
        description = "Write PREFIXinteractions (the replayed range), PREFIXpages, PREFIXimages, PREFIXannotations,"
            + " PREFIXdead-letters; none may exist. End it with a separator, e.g. replay-2026-03-01.")
    String topicPrefix;

    @Option(names = "--to-dir", paramLabel = "DIR", required = true,
        description = "Write DIR/pages.<format> (see --format); the replay's topics are deleted afterwards.")
    Path dir;

    @Option(names = "--to-table-prefix", paramLabel = "PREFIX", required = true,
        description = "Write the pages to the DynamoDB table PREFIXImageNetAnnotationPage (created if missing),"
            + " stored exactly as the page assembler stores them; the replay's topics are deleted afterwards.")
    String tablePrefix;
  }

  @Option(names = "--format", paramLabel = "jsonl|csv|avro|parquet|mousetrap-csv", converter = Format.Converter.class,
      defaultValue = "jsonl", description = "With --to-dir: the file format (default ${DEFAULT-VALUE}): jsonl, avro"
          + " and parquet hold the pages as stored; csv the flat pages table; mousetrap-csv the trajectories.")
  Format format;

  @Option(names = "--dynamo-endpoint", paramLabel = "URL",
      description = "With --to-table-prefix: DynamoDB endpoint (dynalite); default: AWS with the default credentials.")
  URI dynamoEndpoint;

  @Option(names = "--dynamo-region", paramLabel = "REGION", defaultValue = "us-east-1",
      description = "With --to-table-prefix: AWS region (default ${DEFAULT-VALUE}).")
  String dynamoRegion;

  @Option(names = "--open-pages", paramLabel = "abandon|omit", defaultValue = "abandon",
      description = "Pages still open at the end of the range: emitted ABANDONED (default) or left out.")
  ReplaySettings.OpenPages openPages;

  @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "1",
      description = "Replicas of the new topics (3 on a real cluster; default ${DEFAULT-VALUE}).")
  short replicationFactor;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "Stream threads (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--stall-timeout", paramLabel = "DURATION", defaultValue = "PT5M",
      description = "Fail if the replay makes no progress for this long (ISO-8601, default ${DEFAULT-VALUE}).")
  Duration stallTimeout;

  @Override
  public Integer call() throws Exception {
    if (threads < 1 || replicationFactor < 1) {
      throw new ParameterException(spec.commandLine(), "--threads and --replication-factor must be 1 or more");
    }
    PrintWriter out = spec.commandLine().getOut();
    String prefix = output.topicPrefix != null ? output.topicPrefix
        : "replay-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    if (!prefix.matches("[a-zA-Z0-9._-]+")) {
      throw new ParameterException(spec.commandLine(), "--to-topic-prefix may hold only letters, digits, '.', '_' and '-'");
    }
    ReplaySettings settings = new ReplaySettings(prefix, new RangeSpec(fromOffset, toOffset, fromTime, toTime), dataset,
        openPages, replicationFactor, threads, stallTimeout);
    Replay.Result result = new Replay(kafka, settings, out).run();
    if (output.topicPrefix != null) {
      return ExitCodes.OK;
    }
    KafkaOptions replayed = kafka.withTopicPrefix(prefix);
    try {
      if (output.dir != null) {
        Files.createDirectories(output.dir);
        Path file = output.dir.resolve("pages." + format.extension());
        new Exporter(replayed, pagesFile(format, file), out).allowEmpty().run();
      } else {
        writeTables(replayed, output.tablePrefix, out);
      }
    } finally {
      ReplayTopics.deleteTopics(replayed, prefix);
    }
    out.printf("replay: %,d events replayed%n", result.eventsCopied());
    return ExitCodes.OK;
  }

  private void writeTables(KafkaOptions replayed, String tablePrefix, PrintWriter out) throws Exception {
    DynamoProperties.TableNames names = DynamoProperties.TableNames.withPrefix(tablePrefix);
    DynamoProperties props = new DynamoProperties(dynamoEndpoint, dynamoRegion, "local", "local", Duration.ofSeconds(30),
        names);
    Tables tables = new Tables(names);
    try (DynamoDbClient dynamo = DynamoClients.create(props)) {
      new TableProvisioner(dynamo, tables, DynamoClients.describe(props)).createMissing();
      PageWriter writer = new PageWriter(dynamo, tables);
      long[] counts = new long[2];
      ReplayTopics.forEachPage(replayed, Topics.withPrefix(replayed.topicPrefix()),
          page -> counts[writer.write(page) == WriteOutcome.WRITTEN ? 0 : 1]++);
      out.printf("replay: %,d pages written to %s (%,d were there already)%n", counts[0], names.page(), counts[1]);
    }
  }

  /** The replayed pages as stored (jsonl, avro, parquet), as the flat pages table (csv), or as trajectories. */
  static ExportSettings pagesFile(Format format, Path file) {
    return switch (format) {
      case CSV -> ExportSettings.of(What.PAGES, format, file);
      case MOUSETRAP_CSV -> ExportSettings.of(What.POINTS, format, file);
      default -> ExportSettings.of(What.PAGES, format, file).withNested(true);
    };
  }
}
