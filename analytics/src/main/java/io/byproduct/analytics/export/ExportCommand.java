package io.byproduct.analytics.export;

import io.byproduct.analytics.ExitCodes;
import io.byproduct.analytics.kafka.Instants;
import io.byproduct.analytics.kafka.KafkaOptions;
import io.byproduct.analytics.kafka.RangeSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code analytics export}: pages, per-image records or raw events of a dataset, HIT or time range, to a file. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Writes one flat table to one file: pages, images, hovers, points or clicks of finished pages (topic"
            + " 'pages'), or raw events (topic 'interactions'), as JSONL, CSV, Avro or Parquet with the same"
            + " snake_case columns, joinable on annotation_id, page_no, image_id, hover_no; or pointer trajectories"
            + " (one trial per hover) for R's mousetrap (mt_import_long); or, with --nested, the stored records.",
        "Exits 4 without output when nothing in the range matches the filters, listing the datasets seen.",
        "The output appears only when complete (OUT.partial and OUT.checkpoint hold the work meanwhile). An"
            + " interrupted export continues where it stopped when run again with the same options.",
        "Fields, units and origins: docs/data-dictionary.md."})
public final class ExportCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka = new KafkaOptions();

  @Option(names = "--what", required = true, paramLabel = "pages|images|hovers|points|clicks|events",
      description = "The table: one row per finished page, per image of a page, per hover (enter to leave), per"
          + " tracked pointer position, per selecting click, or per raw interaction event.")
  What what;

  @Option(names = "--format", required = true, paramLabel = "jsonl|csv|avro|parquet|mousetrap-csv",
      converter = Format.Converter.class,
      description = "Output format. mousetrap-csv: trajectories of --what points (stored records) or events (raw).")
  Format format;

  @Option(names = "--nested", description = "pages, images, events: the stored records' own shape (the seed's JSON,"
      + " the Avro contract) instead of the flat table.")
  boolean nested;

  @Option(names = "--dedupe", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Events: keep one copy per (session_id, seq) (default); --no-dedupe keeps resends, flagged"
          + " in the column resent.")
  boolean dedupe = true;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The output file.")
  Path out;

  @Option(names = "--dataset", paramLabel = "NAME", description = "Only this hitDatasetName.")
  String dataset;

  @Option(names = "--hit", paramLabel = "ID", description = "Only this imageNetHitId.")
  String hit;

  @Option(names = "--annotation", paramLabel = "ID", description = "Only this annotation (assignment).")
  String annotation;

  @Option(names = "--from-time", paramLabel = "TIME", converter = Instants.class,
      description = "Only records with a Kafka timestamp at or after TIME (2026-03-01T12:00:00Z, 2026-03-01, or"
          + " epoch ms): for pages the time the page ended, for events the time the gateway accepted it.")
  Instant fromTime;

  @Option(names = "--to-time", paramLabel = "TIME", converter = Instants.class,
      description = "Only records with a Kafka timestamp before TIME.")
  Instant toTime;

  @Option(names = "--progress-every", paramLabel = "N", defaultValue = "10000",
      description = "Print a progress line every N source records selected (default ${DEFAULT-VALUE}).")
  long progressEvery;

  @Option(names = "--restart", description = "Discard an interrupted export at OUT instead of resuming it.")
  boolean restart;

  @Option(names = "--overwrite", description = "Replace OUT if it exists.")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    if (progressEvery < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--progress-every must be 1 or more");
    }
    ExportSettings settings;
    try {
      settings = new ExportSettings(what, format, new Filters(dataset, hit, annotation),
          RangeSpec.times(fromTime, toTime), out, progressEvery, restart, overwrite, nested, dedupe);
    } catch (IllegalArgumentException wrong) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), wrong.getMessage());
    }
    new Exporter(kafka, settings, spec.commandLine().getOut()).run();
    return ExitCodes.OK;
  }
}
