package io.byproduct.analytics.export;

import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Output formats of an export. */
public enum Format {
  /** One JSON object per line: a flat table's row, or (nested) the seed's JSON shape / the event's fields. */
  JSONL("jsonl"),
  /** RFC 4180 CSV with a header, one row per table row (flat tables only). */
  CSV("csv"),
  /** An Avro object container file (deflate), the schema embedded. */
  AVRO("avro"),
  /** An Apache Parquet file (Snappy), converted from the Avro schema by parquet-avro. */
  PARQUET("parquet"),
  /** Long-format CSV of pointer trajectories for R's mousetrap ({@code mt_import_long}). */
  MOUSETRAP_CSV("mousetrap-csv");

  private final String label;

  Format(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The usual file extension. */
  public String extension() {
    return this == MOUSETRAP_CSV ? "csv" : label;
  }

  public static Format of(String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return Arrays.stream(values()).filter(f -> f.label.equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not one of jsonl, csv, avro, parquet, mousetrap-csv"));
  }

  @Override
  public String toString() {
    return label;
  }

  /** picocli: {@code --format mousetrap-csv}. */
  public static final class Converter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return of(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
