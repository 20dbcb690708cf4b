package io.byproduct.streamprocessor.topology;

import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.deadletter.DeadLetterPayload;
import io.byproduct.schemas.deadletter.DeadLetterReason;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The stream processor's dead letters, built with the shared contract
 * ({@link io.byproduct.schemas.deadletter.DeadLetters}): the payload as bytes, cut at
 * {@link #MAX_PAYLOAD_BYTES}.
 */
public final class DeadLetters {

  static final int MAX_PAYLOAD_BYTES = io.byproduct.schemas.deadletter.DeadLetters.MAX_PAYLOAD_BYTES;
  static final String SOURCE = "stream-processor";

  private DeadLetters() {}

  static DeadLetter of(DeadLetterReason reason, String detail, String key, byte[] payload, RecordMetadata origin, long now) {
    return of(reason, detail, key, payload, origin == null ? null : origin.topic(),
        origin == null ? null : origin.partition(), origin == null ? null : origin.offset(), now);
  }

  /** A letter of the stream processor (also of the quality application's handlers). */
  public static DeadLetter of(DeadLetterReason reason, String detail, String key, byte[] payload, String originTopic,
      Integer originPartition, Long originOffset, long now) {
    return io.byproduct.schemas.deadletter.DeadLetters.letter(SOURCE, reason, detail)
        .key(key)
        .payload(DeadLetterPayload.bytes(payload))
        .origin(originTopic, originPartition, originOffset)
        .build(now);
  }
}
