package io.byproduct.analytics.kafka;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Points in time on the command line: ISO-8601 instants, dates (midnight UTC) or epoch milliseconds. */
public final class Instants implements ITypeConverter<Instant> {

  public static Instant parse(String text) {
    String value = text.trim();
    if (value.matches("\\d+")) {
      return Instant.ofEpochMilli(Long.parseLong(value));
    }
    try {
      if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a time: use 2026-03-01T12:00:00Z, 2026-03-01 (UTC)"
          + " or epoch milliseconds");
    }
  }

  @Override
  public Instant convert(String value) {
    try {
      return parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
