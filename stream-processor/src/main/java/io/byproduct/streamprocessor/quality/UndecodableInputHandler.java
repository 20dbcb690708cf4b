package io.byproduct.streamprocessor.quality;

import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.deadletter.DeadLetterReason;
import io.byproduct.schemas.serde.AvroSerde;
import io.byproduct.streamprocessor.topology.DeadLetters;
import io.byproduct.streamprocessor.topology.UnproducibleOutputHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quality application's deserialization exception handler: a record on {@code pages} or
 * {@code hit-reviews} that is not Avro of its type becomes a dead letter ({@code undecodable}, its
 * first 64 KiB) and processing resumes, so one bad record never stops the partition. (For
 * {@code hit-reviews}, read by the global store's thread, which has no producer, Kafka Streams
 * 4.3 drops the letter: the record is logged and skipped, and its HIT's pages are flagged
 * {@code UNKNOWN_HIT}.) Configured
 * with {@value UnproducibleOutputHandler#DEAD_LETTER_TOPIC_CONFIG} like the production handler.
 */
public final class UndecodableInputHandler implements DeserializationExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(UndecodableInputHandler.class);
  private static final AvroSerde<DeadLetter> LETTERS = AvroSerde.of(DeadLetter.class);

  private String deadLetterTopic;

  @Override
  public void configure(Map<String, ?> configs) {
    Object topic = configs.get(UnproducibleOutputHandler.DEAD_LETTER_TOPIC_CONFIG);
    if (topic == null || topic.toString().isBlank()) {
      throw new IllegalArgumentException(UnproducibleOutputHandler.DEAD_LETTER_TOPIC_CONFIG
          + " must name the dead-letter topic");
    }
    deadLetterTopic = topic.toString();
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    String detail = "a record of " + record.topic() + " could not be decoded by the quality topology: "
        + exception.getClass().getSimpleName() + ": " + exception.getMessage();
    log.warn("Dead-lettered an undecodable record of {}-{}@{}", record.topic(), record.partition(), record.offset());
    DeadLetter letter = DeadLetters.of(DeadLetterReason.UNDECODABLE, detail, key, record.value(), record.topic(),
        record.partition(), record.offset(), System.currentTimeMillis());
    return Response.resume(List.of(new ProducerRecord<>(deadLetterTopic, null, record.key(), LETTERS.encode(letter))));
  }
}
