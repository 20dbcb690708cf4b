package io.byproduct.streamprocessor.topology;

import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.deadletter.DeadLetterReason;
import io.byproduct.schemas.serde.AvroSerde;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' production exception handler of the capture topology: an output record that the
 * broker can never accept (too large, invalid) or that cannot be serialised is replaced by a dead
 * letter (reason {@code unproducible-output}, the first 64 KiB of the record) and processing resumes, instead
 * of failing the task, replaying the same input and failing again for ever — which would stall
 * every assignment on the partition. Retriable errors are retried; any other error (authorisation,
 * a missing topic: the deployment, not the record) fails the stream thread as Kafka Streams' default
 * handler does, so that nothing is drained into dead letters by a misconfiguration.
 *
 * <p>Under exactly-once this is not enough for a record the producer refuses: the transactional
 * producer is then in an error state and the transaction aborts whatever this answers (Kafka
 * 4.3.1, {@code OversizedOutputIT}). The fold therefore checks a page's size before it forwards it
 * ({@code FoldProcessor#forwardPage}) and the state limits keep the other outputs small; this
 * handler still serves serialisation errors and deployments without exactly-once.
 *
 * <p>Configured with {@value #DEAD_LETTER_TOPIC_CONFIG} (the dead-letter topic's name) among the
 * streams properties.
 */
public final class UnproducibleOutputHandler implements ProductionExceptionHandler {

  public static final String DEAD_LETTER_TOPIC_CONFIG = "byproduct.dead-letters.topic";
  public static final String REASON = DeadLetterReason.UNPRODUCIBLE_OUTPUT.code();

  private static final Logger log = LoggerFactory.getLogger(UnproducibleOutputHandler.class);
  private static final AvroSerde<DeadLetter> LETTERS = AvroSerde.of(DeadLetter.class);

  private String deadLetterTopic;

  @Override
  public void configure(Map<String, ?> configs) {
    Object topic = configs.get(DEAD_LETTER_TOPIC_CONFIG);
    if (topic == null || topic.toString().isBlank()) {
      throw new IllegalArgumentException(DEAD_LETTER_TOPIC_CONFIG + " must name the dead-letter topic");
    }
    deadLetterTopic = topic.toString();
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (exception instanceof RetriableException) {
      return Response.retry();
    }
    if (exception instanceof RecordTooLargeException || exception instanceof RecordBatchTooLargeException
        || exception instanceof InvalidRecordException) {
      return Response.resume(List.of(deadLetter(context, record, exception)));
    }
    return Response.fail();
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
      SerializationExceptionOrigin origin) {
    byte[] key = record.key() instanceof String k ? k.getBytes(StandardCharsets.UTF_8) : null;
    ProducerRecord<byte[], byte[]> raw = new ProducerRecord<>(record.topic(), key, null);
    return Response.resume(List.of(deadLetter(context, raw, exception)));
  }

  private ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
      Exception exception) {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    int size = record.value() == null ? 0 : record.value().length;
    String detail = "an output record to topic " + record.topic() + " (" + size + " bytes) could not be written: "
        + exception.getClass().getSimpleName() + ": " + exception.getMessage();
    log.warn("Dead-lettered an output record for key {}: {}", key, detail);
    String originTopic = context == null ? null : context.topic();
    DeadLetter letter = DeadLetters.of(DeadLetterReason.UNPRODUCIBLE_OUTPUT, detail, key, record.value(), originTopic,
        originTopic == null ? null : context.partition(), originTopic == null ? null : context.offset(),
        System.currentTimeMillis());
    return new ProducerRecord<>(deadLetterTopic, null, record.key(), LETTERS.encode(letter));
  }
}
