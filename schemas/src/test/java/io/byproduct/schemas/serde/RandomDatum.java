package io.byproduct.schemas.serde;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/** Builds random generic data for any schema, to test that old writers stay readable. */
final class RandomDatum {

  private final Random random;

  RandomDatum(long seed) {
    this.random = new Random(seed);
  }

  Object next(Schema schema) {
    return switch (schema.getType()) {
      case RECORD -> {
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
          record.put(field.pos(), next(field.schema()));
        }
        yield record;
      }
      case UNION -> next(schema.getTypes().get(random.nextInt(schema.getTypes().size())));
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
          items.add(next(schema.getElementType()));
        }
        yield new GenericData.Array<>(schema, items);
      }
      case MAP -> {
        java.util.Map<String, Object> entries = new java.util.HashMap<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
          entries.put("k" + Integer.toHexString(random.nextInt()), next(schema.getValueType()));
        }
        yield entries;
      }
      case ENUM -> new GenericData.EnumSymbol(schema,
          schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())));
      case STRING -> "s" + Integer.toHexString(random.nextInt());
      case BYTES -> ByteBuffer.wrap(new byte[] {(byte) random.nextInt(), (byte) random.nextInt()});
      case INT -> random.nextInt(10_000);
      case LONG -> random.nextLong();
      case DOUBLE -> random.nextDouble();
      case FLOAT -> random.nextFloat();
      case BOOLEAN -> random.nextBoolean();
      case NULL -> null;
      default -> throw new IllegalArgumentException("no generator for " + schema.getType());
    };
  }
}
