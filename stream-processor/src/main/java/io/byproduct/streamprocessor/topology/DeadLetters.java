package io.byproduct.streamprocessor.topology;

import io.byproduct.schemas.deadletter.DeadLetter;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds the dead-letter records of the stream processor. */
final class DeadLetters {

  static final int MAX_PAYLOAD_BYTES = 64 * 1024;
  static final String SOURCE = "stream-processor";

  private DeadLetters() {}

  static DeadLetter of(String reason, String detail, String key, byte[] payload, RecordMetadata origin, long now) {
    return of(reason, detail, key, payload, origin == null ? null : origin.topic(),
        origin == null ? null : origin.partition(), origin == null ? null : origin.offset(), now);
  }

  static DeadLetter of(String reason, String detail, String key, byte[] payload, String originTopic,
      Integer originPartition, Long originOffset, long now) {
    boolean truncated = payload != null && payload.length > MAX_PAYLOAD_BYTES;
    byte[] kept = truncated ? Arrays.copyOf(payload, MAX_PAYLOAD_BYTES) : payload;
    return DeadLetter.newBuilder()
        .setSource(SOURCE)
        .setReason(reason)
        .setDetail(detail)
        .setPayload(kept == null ? null : ByteBuffer.wrap(kept))
        .setPayloadText(null)
        .setPayloadTruncated(truncated)
        .setKey(key)
        .setOriginTopic(originTopic)
        .setOriginPartition(originPartition)
        .setOriginOffset(originOffset)
        .setOccurredAt(now)
        .build();
  }
}
