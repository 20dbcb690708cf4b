package io.byproduct.pageassembler.consuming;

import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.deadletter.DeadLetterPayload;
import io.byproduct.schemas.deadletter.DeadLetters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * spring-kafka's recoverer, writing the project's {@link DeadLetter} (the shared contract: reason,
 * detail, the payload once and cut at 64 KiB, origin) instead of the raw record with exception
 * headers, so a letter is never too large to send whatever the record's size. It waits for the
 * broker's answer: a letter that could not be written fails the recovery, and the record is
 * delivered again instead of being committed.
 */
final class DeadLetterRecoverer extends DeadLetterPublishingRecoverer {

  static final String SOURCE = "page-assembler";
  private static final Logger log = LoggerFactory.getLogger(DeadLetterRecoverer.class);

  private final KafkaOperations<String, DeadLetter> template;
  private final String topic;
  private final MeterRegistry meters;
  private final Clock clock;

  DeadLetterRecoverer(KafkaOperations<String, DeadLetter> template, String topic, MeterRegistry meters, Clock clock) {
    super(template, (record, e) -> new TopicPartition(topic, -1));
    this.template = template;
    this.topic = topic;
    this.meters = meters;
    this.clock = clock;
    setFailIfSendResultIsError(true);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void accept(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, Exception exception) {
    MalformedRecord malformed = malformed(exception);
    if (malformed == null) {
      // only MalformedRecord is not retried; anything else reaching here must not be skipped
      throw new IllegalStateException("not a malformed record: " + exception, exception);
    }
    String key = record.key() == null ? null : record.key().toString();
    DeadLetter letter = DeadLetters.letter(SOURCE, malformed.reason(), malformed.getMessage())
        .key(key)
        .payload(DeadLetterPayload.bytes((byte[]) record.value()))
        .origin(record.topic(), record.partition(), record.offset())
        .build(clock.millis());
    Object out = new ProducerRecord<>(topic, null, key, letter);
    send((ProducerRecord<Object, Object>) out, (KafkaOperations<Object, Object>) (KafkaOperations<?, ?>) template, record);
    meters.counter("byproduct.assembler.dead-lettered", "reason", malformed.reason().code()).increment();
    log.warn("Dead-lettered {}-{}@{}: {} ({})", record.topic(), record.partition(), record.offset(),
        malformed.reason().code(), letter.getDetail());
  }

  private static MalformedRecord malformed(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof MalformedRecord m) {
        return m;
      }
    }
    return null;
  }
}
