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
        "Writes finished pages, their per-image records, or raw interaction events to one file: JSONL in the seed's"
            + " JSON shape, an Avro container file, Parquet, or a long-format CSV of pointer trajectories for R's"
            + " mousetrap (mt_import_long). Reads the topics 'pages' (pages, images) or 'interactions' (events).",
        "The output appears only when complete (OUT.partial and OUT.checkpoint hold the work meanwhile). An"
            + " interrupted export continues where it stopped when run again with the same options.",
        "Fields, units and origins: docs/data-dictionary.md."})
public final class ExportCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka = new KafkaOptions();

  @Option(names = "--what", required = true, paramLabel = "pages|images|events",
      description = "pages: one record per finished page; images: one per image of a finished page; events: raw"
          + " interaction events.")
  What what;

  @Option(names = "--format", required = true, paramLabel = "jsonl|avro|parquet|mousetrap-csv",
      converter = Format.Converter.class, description = "Output format.")
  Format format;

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
      description = "Print a progress line every N records written (default ${DEFAULT-VALUE}).")
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
    ExportSettings settings = new ExportSettings(what, format, new Filters(dataset, hit, annotation),
        RangeSpec.times(fromTime, toTime), out, progressEvery, restart, overwrite);
    new Exporter(kafka, settings, spec.commandLine().getOut()).run();
    return ExitCodes.OK;
  }
}
