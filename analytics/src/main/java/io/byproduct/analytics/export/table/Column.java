package io.byproduct.analytics.export.table;

/**
 * A column of a flat export table: a snake_case name, its type and what it holds. Times are epoch
 * milliseconds in {@link Type#LONG} columns whose names end in {@code _ms}; ids and enums are strings.
 */
public record Column(String name, Type type, String doc) {

  /** The value types of flat tables: what DuckDB, pandas and R read without casts. */
  public enum Type {
    STRING, INT, LONG, DOUBLE, BOOLEAN
  }

  public Column {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("column names are snake_case: " + name);
    }
  }

  public static Column string(String name, String doc) {
    return new Column(name, Type.STRING, doc);
  }

  public static Column integer(String name, String doc) {
    return new Column(name, Type.INT, doc);
  }

  public static Column bigint(String name, String doc) {
    return new Column(name, Type.LONG, doc);
  }

  /** Epoch milliseconds or a duration in ms: the name must say so. */
  public static Column millis(String name, String doc) {
    if (!name.endsWith("_ms")) {
      throw new IllegalArgumentException("a time column's name ends in _ms: " + name);
    }
    return new Column(name, Type.LONG, doc);
  }

  public static Column decimal(String name, String doc) {
    return new Column(name, Type.DOUBLE, doc);
  }

  public static Column bool(String name, String doc) {
    return new Column(name, Type.BOOLEAN, doc);
  }
}
