package io.byproduct.streamprocessor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.serde.AvroSerde;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnproducibleOutputHandlerTest {

  private final UnproducibleOutputHandler handler = new UnproducibleOutputHandler();

  @BeforeEach
  void configure() {
    handler.configure(Map.of(UnproducibleOutputHandler.DEAD_LETTER_TOPIC_CONFIG, "study.dead-letters"));
  }

  private static ErrorHandlerContext origin() {
    return new ErrorHandlerContext() {
      public String topic() { return "interactions"; }
      public int partition() { return 3; }
      public long offset() { return 42; }
      public Headers headers() { return new RecordHeaders(); }
      public String processorNodeId() { return CaptureTopology.PAGES_SINK; }
      public TaskId taskId() { return new TaskId(0, 3); }
      public long timestamp() { return 1L; }
      public byte[] sourceRawKey() { return null; }
      public byte[] sourceRawValue() { return null; }
    };
  }

  @Test
  void handleError_recordTooLarge_resumesWithADeadLetterInsteadOfFailingForEver() {
    byte[] page = new byte[20 * 1024 * 1024];
    Arrays.fill(page, (byte) 7);
    ProducerRecord<byte[], byte[]> oversized = new ProducerRecord<>("pages", "ann-1".getBytes(StandardCharsets.UTF_8), page);

    Response response = handler.handleError(origin(), oversized,
        new RecordTooLargeException("The message is 20971600 bytes when serialized which is larger than 16777216"));

    assertThat(response.result()).isEqualTo(Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).hasSize(1);
    ProducerRecord<byte[], byte[]> letter = response.deadLetterQueueRecords().get(0);
    assertThat(letter.topic()).isEqualTo("study.dead-letters");
    assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("ann-1");
    DeadLetter decoded = AvroSerde.of(DeadLetter.class).decode(letter.value());
    assertThat(decoded.getReason()).isEqualTo(UnproducibleOutputHandler.REASON);
    assertThat(decoded.getDetail()).contains("pages").contains("20971520 bytes").contains("RecordTooLargeException");
    assertThat(decoded.getPayloadTruncated()).isTrue();
    assertThat(decoded.getPayload().remaining()).isEqualTo(DeadLetters.MAX_PAYLOAD_BYTES);
    assertThat(decoded.getOriginTopic()).isEqualTo("interactions");
    assertThat(decoded.getOriginPartition()).isEqualTo(3);
    assertThat(decoded.getOriginOffset()).isEqualTo(42L);
    assertThat(letter.value().length).isLessThan(100 * 1024);
  }

  @Test
  void handleError_retriable_retries_andAMisconfiguration_failsWithoutDrainingIntoDeadLetters() {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("pages", new byte[1], new byte[1]);

    assertThat(handler.handleError(origin(), record, new NotEnoughReplicasException("2 of 3")).result())
        .isEqualTo(Result.RETRY);
    Response denied = handler.handleError(origin(), record, new TopicAuthorizationException("pages"));
    assertThat(denied.result()).isEqualTo(Result.FAIL);
    assertThat(denied.deadLetterQueueRecords()).isEmpty();
  }

  @Test
  void handleSerializationError_deadLettersTheRecord() {
    ProducerRecord<String, Object> unserialisable = new ProducerRecord<>("images", "ann-1", new Object());

    Response response = handler.handleSerializationError(origin(), unserialisable,
        new SerializationException("not an Avro record"), SerializationExceptionOrigin.VALUE);

    assertThat(response.result()).isEqualTo(Result.RESUME);
    DeadLetter decoded = AvroSerde.of(DeadLetter.class).decode(response.deadLetterQueueRecords().get(0).value());
    assertThat(decoded.getReason()).isEqualTo(UnproducibleOutputHandler.REASON);
    assertThat(decoded.getKey()).isEqualTo("ann-1");
  }
}
