package io.byproduct.analytics.export;

import io.byproduct.analytics.kafka.RangeSpec;
import java.nio.file.Path;
import java.util.Set;

/**
 * One export.
 *
 * @param what the table (or, nested, the records) to write
 * @param format the output format
 * @param filters dataset, HIT, annotation
 * @param range record times (the Kafka timestamps); offsets are not used by exports
 * @param out the output file; it appears only when complete
 * @param progressEvery print a progress line every this many records selected
 * @param restart discard an interrupted export of different settings at {@code out} instead of refusing
 * @param overwrite replace {@code out} if it exists
 * @param nested the stored records' own shape (pages, images, events) instead of a flat table
 * @param dedupe events: keep one copy per {@code (session, seq)}
 */
public record ExportSettings(What what, Format format, Filters filters, RangeSpec range, Path out,
    long progressEvery, boolean restart, boolean overwrite, boolean nested, boolean dedupe) {

  public ExportSettings {
    String wrong = problem(what, format, nested);
    if (wrong != null) {
      throw new IllegalArgumentException(wrong);
    }
  }

  /** What is wrong with this combination, or null. */
  static String problem(What what, Format format, boolean nested) {
    if (format == Format.MOUSETRAP_CSV && what != What.POINTS && what != What.EVENTS) {
      return "--format mousetrap-csv writes pointer trajectories: use --what points (the stored records) or"
          + " --what events (the raw samples)";
    }
    if (nested && !Set.of(What.PAGES, What.IMAGES, What.EVENTS).contains(what)) {
      return "--nested exists for --what pages, images and events";
    }
    if (nested && (format == Format.CSV || format == Format.MOUSETRAP_CSV)) {
      return "--nested is written as jsonl, avro or parquet";
    }
    return null;
  }

  public static ExportSettings of(What what, Format format, Path out) {
    return new ExportSettings(what, format, Filters.none(), RangeSpec.all(), out, 10_000, false, false, false, true);
  }

  public ExportSettings withFilters(Filters newFilters) {
    return new ExportSettings(what, format, newFilters, range, out, progressEvery, restart, overwrite, nested, dedupe);
  }

  public ExportSettings withRange(RangeSpec newRange) {
    return new ExportSettings(what, format, filters, newRange, out, progressEvery, restart, overwrite, nested, dedupe);
  }

  public ExportSettings withNested(boolean newNested) {
    return new ExportSettings(what, format, filters, range, out, progressEvery, restart, overwrite, newNested, dedupe);
  }

  public ExportSettings withDedupe(boolean newDedupe) {
    return new ExportSettings(what, format, filters, range, out, progressEvery, restart, overwrite, nested, newDedupe);
  }

  /** What must be the same for an interrupted export to be resumed. */
  String fingerprint(String topic) {
    return "v2;topic=" + topic + ";what=" + what + ";format=" + format + ";nested=" + nested + ";dedupe=" + dedupe
        + ";" + filters.describe() + ";fromTime=" + range.fromTime() + ";toTime=" + range.toTime();
  }
}
