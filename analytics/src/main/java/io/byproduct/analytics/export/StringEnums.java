package io.byproduct.analytics.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * An Avro schema with every enum made a string, for nested Parquet: parquet-avro writes Avro enums
 * as Parquet {@code ENUM}, which pyarrow and pandas read as bytes ({@code status == 'SUBMITTED'}
 * then matches nothing); as strings they are {@code STRING}. The values stay the records' own:
 * parquet-avro writes an enum value for a string field as its name.
 */
final class StringEnums {

  private final Map<String, Schema> records = new HashMap<>();

  private StringEnums() {}

  static Schema of(Schema schema) {
    return new StringEnums().convert(schema);
  }

  private Schema convert(Schema schema) {
    return switch (schema.getType()) {
      case ENUM -> Schema.create(Schema.Type.STRING);
      case ARRAY -> Schema.createArray(convert(schema.getElementType()));
      case MAP -> Schema.createMap(convert(schema.getValueType()));
      case UNION -> Schema.createUnion(schema.getTypes().stream().map(this::convert).toList());
      case RECORD -> record(schema);
      default -> schema;
    };
  }

  private Schema record(Schema schema) {
    Schema done = records.get(schema.getFullName());
    if (done != null) {
      return done;
    }
    Schema copy = Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), schema.isError());
    records.put(schema.getFullName(), copy);
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      fields.add(new Schema.Field(f.name(), convert(f.schema()), f.doc(), f.defaultVal()));
    }
    copy.setFields(fields);
    return copy;
  }
}
