package io.byproduct.analytics.export.table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

/**
 * A flat export table: its name and columns. A row is an {@code Object[]} in column order; any
 * value may be null. The same columns, names and types are written to JSONL, CSV, Avro and Parquet.
 */
public record Table(String name, String doc, List<Column> columns) {

  public Table {
    columns = List.copyOf(columns);
    Set<String> names = new HashSet<>();
    for (Column c : columns) {
      if (!names.add(c.name())) {
        throw new IllegalArgumentException("column " + c.name() + " twice in " + name);
      }
    }
  }

  public static Table of(String name, String doc, List<Column> head, Column... rest) {
    List<Column> all = new ArrayList<>(head);
    all.addAll(List.of(rest));
    return new Table(name, doc, all);
  }

  public int width() {
    return columns.size();
  }

  public int indexOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no column " + column + " in " + name);
  }

  public List<String> names() {
    return columns.stream().map(Column::name).toList();
  }

  /**
   * The Avro schema of a row: every column an optional field of a plain type (strings as Avro
   * strings, so Parquet's are STRING, never ENUM bytes).
   */
  public Schema avroSchema() {
    List<Schema.Field> fields = new ArrayList<>();
    for (Column c : columns) {
      Schema type = Schema.create(switch (c.type()) {
        case STRING -> Schema.Type.STRING;
        case INT -> Schema.Type.INT;
        case LONG -> Schema.Type.LONG;
        case DOUBLE -> Schema.Type.DOUBLE;
        case BOOLEAN -> Schema.Type.BOOLEAN;
      });
      fields.add(new Schema.Field(c.name(), Schema.createUnion(Schema.create(Schema.Type.NULL), type), c.doc(),
          JsonProperties.NULL_VALUE));
    }
    return Schema.createRecord(name, doc, "io.byproduct.analytics.export", false, fields);
  }
}
