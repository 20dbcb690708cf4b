package io.byproduct.schemas.batch;

import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.serde.AvroSerde;
import io.byproduct.schemas.serde.SchemaHistory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Reads a value of topic {@code interactions} in either of its formats: a per-event
 * {@link InteractionEvent} (written before issue 22, and still by the seed API's REST writes) or an
 * {@link InteractionBatch}. The single-object encoding names its writer schema by fingerprint, so
 * the format is known from the header alone. Thread-safe.
 */
public final class InteractionRecords {

  private static final AvroSerde<InteractionEvent> EVENTS = AvroSerde.of(InteractionEvent.class);
  private static final AvroSerde<InteractionBatch> BATCHES = AvroSerde.of(InteractionBatch.class);
  private static final Set<Long> BATCH_FINGERPRINTS = fingerprints("InteractionBatch");

  private InteractionRecords() {}

  /** The serde of the per-event format. */
  public static AvroSerde<InteractionEvent> events() {
    return EVENTS;
  }

  /** The serde of the batch format. */
  public static AvroSerde<InteractionBatch> batches() {
    return BATCHES;
  }

  /**
   * Writes either format to the topic, by the record's class: one producer for both keeps the
   * records of one annotation in the order they were sent.
   */
  public static Serializer<SpecificRecord> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      } else if (value instanceof InteractionBatch batch) {
        return BATCHES.encode(batch);
      } else if (value instanceof InteractionEvent event) {
        return EVENTS.encode(event);
      }
      throw new SerializationException("topic interactions takes InteractionBatch or InteractionEvent, not "
          + value.getClass().getSimpleName());
    };
  }

  /** Whether the bytes are a batch (by their writer schema's fingerprint); anything else is read as an event. */
  public static boolean isBatch(byte[] bytes) {
    return bytes != null && bytes.length >= 10 && bytes[0] == (byte) 0xC3 && bytes[1] == (byte) 0x01
        && BATCH_FINGERPRINTS.contains(ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
  }

  /**
   * The record the bytes hold: an {@link InteractionBatch} or an {@link InteractionEvent}.
   *
   * @throws SerializationException if they are neither
   */
  public static Object decode(byte[] bytes) {
    return isBatch(bytes) ? BATCHES.decode(bytes) : EVENTS.decode(bytes);
  }

  /**
   * The events the bytes hold, one by one: a batch unfolded ({@link Batches#unfold}; entries that
   * name no image are left out), or the one event.
   *
   * @throws SerializationException if they are neither format
   */
  public static List<InteractionEvent> events(byte[] bytes) {
    Object record = decode(bytes);
    return record instanceof InteractionBatch batch ? Batches.unfold(batch) : List.of((InteractionEvent) record);
  }

  private static Set<Long> fingerprints(String recordName) {
    Set<Long> fingerprints = new HashSet<>();
    SchemaHistory.versions(recordName).forEach(s -> fingerprints.add(SchemaNormalization.parsingFingerprint64(s)));
    return fingerprints;
  }
}
