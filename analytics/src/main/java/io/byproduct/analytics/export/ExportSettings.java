package io.byproduct.analytics.export;

import io.byproduct.analytics.kafka.RangeSpec;
import java.nio.file.Path;

/**
 * One export.
 *
 * @param what pages, per-image records or raw events
 * @param format the output format
 * @param filters dataset, HIT, annotation
 * @param range record times (the Kafka timestamps); offsets are not used by exports
 * @param out the output file; it appears only when complete
 * @param progressEvery print a progress line every this many records written
 * @param restart discard an interrupted export of different settings at {@code out} instead of refusing
 * @param overwrite replace {@code out} if it exists
 */
public record ExportSettings(What what, Format format, Filters filters, RangeSpec range, Path out,
    long progressEvery, boolean restart, boolean overwrite) {

  public static ExportSettings of(What what, Format format, Path out) {
    return new ExportSettings(what, format, Filters.none(), RangeSpec.all(), out, 10_000, false, false);
  }

  public ExportSettings withFilters(Filters newFilters) {
    return new ExportSettings(what, format, newFilters, range, out, progressEvery, restart, overwrite);
  }

  public ExportSettings withRange(RangeSpec newRange) {
    return new ExportSettings(what, format, filters, newRange, out, progressEvery, restart, overwrite);
  }

  /** What must be the same for an interrupted export to be resumed. */
  String fingerprint(String topic) {
    return "v1;topic=" + topic + ";what=" + what + ";format=" + format + ";" + filters.describe()
        + ";fromTime=" + range.fromTime() + ";toTime=" + range.toTime();
  }
}
