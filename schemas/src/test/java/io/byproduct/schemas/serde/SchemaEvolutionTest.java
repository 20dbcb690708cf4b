package io.byproduct.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.schemas.batch.InteractionBatch;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.state.ImageState;
import io.byproduct.schemas.state.PageState;
import io.byproduct.schemas.state.SeenEvents;
import io.byproduct.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every topic's value schema, and the stream processor's state schema, is frozen in {@code schema-history}; the compiled schema must be
 * the newest frozen version, and must read data written with every older version.
 */
class SchemaEvolutionTest {

  static Stream<AvroSerde<? extends SpecificRecord>> serdes() {
    List<AvroSerde<? extends SpecificRecord>> serdes = new ArrayList<>();
    Topics.defaults().all().forEach(t -> serdes.add((AvroSerde<? extends SpecificRecord>) t.valueSerde()));
    serdes.add(AvroSerde.of(InteractionBatch.class));  // the batch view of 'interactions'
    serdes.add(AvroSerde.of(ImageRecord.class));
    // stream-processor state: its changelog topics outlive a deployment
    serdes.add(AvroSerde.of(ImageState.class));
    serdes.add(AvroSerde.of(PageState.class));
    serdes.add(AvroSerde.of(SeenEvents.class));
    // quality topology state and repartition values
    serdes.add(AvroSerde.of(io.byproduct.schemas.quality.PageScore.class));
    serdes.add(AvroSerde.of(io.byproduct.schemas.quality.ImageJudgement.class));
    serdes.add(AvroSerde.of(io.byproduct.schemas.quality.ImageVotes.class));
    return serdes.stream();
  }

  @ParameterizedTest
  @MethodSource("serdes")
  void compiledSchema_isTheNewestFrozenVersion(AvroSerde<? extends SpecificRecord> serde) {
    Schema current = schemaOf(serde);
    List<Schema> history = SchemaHistory.versions(current.getName());

    assertThat(history)
        .as("schema-history/%s/v1.avsc.. must exist; freeze the schema when you publish it", current.getName())
        .isNotEmpty();
    assertThat(history.get(history.size() - 1))
        .as("%s changed: add schema-history/%s/v%d.avsc holding the new schema",
            current.getName(), current.getName(), history.size() + 1)
        .isEqualTo(current);
  }

  @ParameterizedTest
  @MethodSource("serdes")
  void everyFrozenVersion_isReadByTheCurrentSchema(AvroSerde<? extends SpecificRecord> serde) {
    Schema current = schemaOf(serde);
    RandomDatum random = new RandomDatum(42);
    for (Schema writer : SchemaHistory.versions(current.getName())) {
      assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, writer).getType())
          .as("%s can read its version %s", current.getName(), writer)
          .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);

      BinaryMessageEncoder<GenericData.Record> oldWriter =
          new BinaryMessageEncoder<>(GenericData.get(), writer);
      for (int i = 0; i < 20; i++) {
        GenericData.Record written = (GenericData.Record) random.next(writer);
        byte[] bytes = toBytes(oldWriter, written);

        SpecificRecord read = serde.decode(bytes);

        for (Schema.Field field : writer.getFields()) {
          if (current.getField(field.name()) != null && field.schema().getType() != Schema.Type.RECORD
              && field.schema().getType() != Schema.Type.ARRAY && field.schema().getType() != Schema.Type.UNION) {
            assertThat(String.valueOf(read.get(current.getField(field.name()).pos())))
                .as("%s.%s", current.getName(), field.name())
                .isEqualTo(String.valueOf(written.get(field.name())));
          }
        }
      }
    }
  }

  private static Schema schemaOf(AvroSerde<? extends SpecificRecord> serde) {
    return org.apache.avro.specific.SpecificData.get().getSchema(serde.type());
  }

  private static byte[] toBytes(BinaryMessageEncoder<GenericData.Record> encoder, GenericData.Record datum) {
    try {
      ByteBuffer buffer = encoder.encode(datum);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
