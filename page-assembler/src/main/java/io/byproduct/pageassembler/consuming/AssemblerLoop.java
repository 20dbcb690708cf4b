package io.byproduct.pageassembler.consuming;

import io.byproduct.pageassembler.PageAssemblerProperties;
import io.byproduct.pageassembler.counting.AnnotationCounter;
import io.byproduct.pageassembler.writing.AnnotationWriter;
import io.byproduct.pageassembler.writing.PageWriter;
import io.byproduct.pageassembler.writing.SandboxWriter;
import io.byproduct.pageassembler.writing.WriteOutcome;
import io.byproduct.platform.config.KafkaProperties;
import io.byproduct.platform.config.TopicsProperties;
import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.record.AnnotationRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.SandboxAnnotation;
import io.byproduct.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Consumes finished pages, HIT-level annotations (committed transactions only) and sandbox-mode
 * submits, writes each to DynamoDB and then counts stored pages and submits for their class and
 * images ({@link AnnotationCounter}). An offset is committed only after DynamoDB accepted the write. A record
 * that can never be written (undecodable, or refused by DynamoDB for its own content:
 * {@link RefusedRecords}) goes to the dead letters instead of blocking the partition. Any other
 * DynamoDB error (access denied, a missing table, throttling, an outage) is the store's: the loop
 * stops consuming the batch, reports DOWN ({@link WritesHealthIndicator}) and polls again from the
 * first record not written after a backoff (doubling up to {@code max-backoff}), never
 * dead-lettering or committing what was not stored.
 */
@Component
public class AssemblerLoop implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(AssemblerLoop.class);
  private static final String SOURCE = "page-assembler";

  private final Topics topics;
  private final KafkaProperties kafka;
  private final String groupId;
  private final PageAssemblerProperties props;
  private final PageWriter pages;
  private final AnnotationWriter annotations;
  private final SandboxWriter sandbox;
  private final AnnotationCounter counter;
  private final MeterRegistry meters;
  private final WritesHealthIndicator health;
  private volatile boolean running;
  private Duration storeBackoff;
  private Thread thread;
  private KafkaConsumer<String, byte[]> consumer;

  public AssemblerLoop(Topics topics, KafkaProperties kafka, TopicsProperties topicProps, PageAssemblerProperties props,
      PageWriter pages, AnnotationWriter annotations, SandboxWriter sandbox, AnnotationCounter counter,
      MeterRegistry meters, WritesHealthIndicator health) {
    this.topics = topics;
    this.kafka = kafka;
    this.groupId = props.groupId().isBlank() ? topicProps.prefix() + "page-assembler" : props.groupId();
    this.props = props;
    this.pages = pages;
    this.annotations = annotations;
    this.sandbox = sandbox;
    this.counter = counter;
    this.meters = meters;
    this.health = health;
    this.storeBackoff = props.initialBackoff();
  }

  @Override
  public synchronized void start() {
    consumer = newConsumer();
    running = true;
    thread = new Thread(this::run, "page-assembler");
    thread.start();
    log.info("Page assembler consuming {}, {} and {} as group '{}'", topics.pages, topics.annotations, topics.sandbox,
        groupId);
  }

  private KafkaConsumer<String, byte[]> newConsumer() {
    Map<String, Object> config = kafka.clientProperties();
    config.put("group.id", groupId);
    config.put("enable.auto.commit", false);
    config.put("isolation.level", "read_committed");
    config.put("auto.offset.reset", "earliest");
    config.put("max.poll.records", 100);
    KafkaConsumer<String, byte[]> created = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    created.subscribe(List.of(topics.pages.name(), topics.annotations.name(), topics.sandbox.name()));
    return created;
  }

  @Override
  public void stop() {
    Thread current;
    synchronized (this) {
      running = false;
      current = thread;
      if (consumer != null) {
        consumer.wakeup();
      }
    }
    if (current != null) {
      try {
        current.join(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    Map<String, Object> producerConfig = kafka.clientProperties();
    producerConfig.put("acks", "all");
    producerConfig.put("enable.idempotence", true);
    Duration backoff = props.initialBackoff();
    try (KafkaProducer<String, DeadLetter> deadLetters = new KafkaProducer<>(producerConfig,
        topics.deadLetters.keySerde().serializer(), topics.deadLetters.valueSerde().serializer())) {
      while (running) {
        try {
          consume(deadLetters);
        } catch (WakeupException stopping) {
          // stop() was called
        } catch (RuntimeException e) {
          // never leave the process up with a dead loop: start over from the committed offsets
          meters.counter("byproduct.assembler.restarts").increment();
          log.error("The page assembler failed unexpectedly; it starts again from the committed offsets in {} ms"
              + " (uncommitted records are delivered again and change nothing)", backoff.toMillis(), e);
          closeConsumer();
          sleepWhileRunning(backoff);
          backoff = backoff.multipliedBy(2).compareTo(props.maxBackoff()) > 0 ? props.maxBackoff() : backoff.multipliedBy(2);
          synchronized (this) {
            if (running) {
              consumer = newConsumer();
            }
          }
        }
      }
    } finally {
      closeConsumer();
      running = false;
    }
  }

  private void consume(KafkaProducer<String, DeadLetter> deadLetters) {
    while (running) {
      ConsumerRecords<String, byte[]> batch = consumer.poll(props.pollTimeout());
      Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
      StoreUnavailable unavailable = null;
      for (ConsumerRecord<String, byte[]> record : batch) {
        boolean handled;
        try {
          handled = handle(record, deadLetters);
        } catch (StoreUnavailable e) {
          unavailable = e;
          handled = false;
        }
        if (!handled) {
          rewindUnhandled(batch, done);
          break;
        }
        done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
      }
      if (!done.isEmpty()) {
        commit(done);
      }
      if (unavailable != null) {
        waitForStore(unavailable);
      }
    }
  }

  /** DynamoDB refused a write for a reason that is not the record's: DOWN, then poll again after a backoff. */
  private void waitForStore(StoreUnavailable unavailable) {
    String reason = RefusedRecords.describe(unavailable.cause);
    health.failed(reason);
    meters.counter("byproduct.assembler.retries", "topic", unavailable.topic).increment();
    log.warn("DynamoDB refuses writes ({}); nothing is dead-lettered or committed, the assembler polls again from the"
        + " first record not written in {} ms", reason, storeBackoff.toMillis());
    sleepWhileRunning(storeBackoff);
    storeBackoff = storeBackoff.multipliedBy(2).compareTo(props.maxBackoff()) > 0 ? props.maxBackoff()
        : storeBackoff.multipliedBy(2);
  }

  /** A DynamoDB error that is the store's or the deployment's, not the record's. */
  private static final class StoreUnavailable extends RuntimeException {
    private final SdkException cause;
    private final String topic;

    StoreUnavailable(SdkException cause, String topic) {
      super(cause.getMessage(), cause, false, false);
      this.cause = cause;
      this.topic = topic;
    }
  }

  private synchronized void closeConsumer() {
    if (consumer != null) {
      try {
        consumer.close(Duration.ofSeconds(10));
      } catch (RuntimeException e) {
        log.warn("Closing the consumer failed: {}", e.toString());
      }
      consumer = null;
    }
  }

  private void commit(Map<TopicPartition, OffsetAndMetadata> done) {
    try {
      consumer.commitSync(done);
    } catch (CommitFailedException | RebalanceInProgressException e) {
      meters.counter("byproduct.assembler.commits-refused").increment();
      log.warn("The group moved on before offsets {} were committed ({}); rejoining, the records may be delivered "
          + "again and change nothing", done, e.getMessage());
    }
  }

  /** Makes the next poll start again at the first record of each partition not yet handled. */
  private void rewindUnhandled(ConsumerRecords<String, byte[]> batch, Map<TopicPartition, OffsetAndMetadata> done) {
    for (TopicPartition partition : batch.partitions()) {
      long next = done.containsKey(partition) ? done.get(partition).offset() : batch.records(partition).get(0).offset();
      consumer.seek(partition, next);
    }
  }

  /**
   * @return true once the record is written or dead-lettered; false if its dead letter could not be written
   * @throws StoreUnavailable if DynamoDB refused the write for a reason that is not the record's
   */
  private boolean handle(ConsumerRecord<String, byte[]> record, KafkaProducer<String, DeadLetter> deadLetters) {
    try {
      WriteOutcome outcome = write(record);
      meters.counter("byproduct.assembler.written", "topic", record.topic(), "outcome", outcome.name()).increment();
      health.succeeded();
      storeBackoff = props.initialBackoff();
      return true;
    } catch (SerializationException | IllegalArgumentException e) {
      return deadLetter(record, "undecodable", e.getMessage(), deadLetters);
    } catch (SdkException e) {
      if (RefusedRecords.isRefusedForItsContent(e)) {
        return deadLetter(record, "refused-by-dynamodb", e.getMessage(), deadLetters);
      }
      throw new StoreUnavailable(e, record.topic());
    }
  }

  private WriteOutcome write(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      throw new IllegalArgumentException("the record has no value");
    }
    if (record.topic().equals(topics.pages.name())) {
      PageRecord page = topics.pages.valueSerde().deserializer().deserialize(record.topic(), record.value());
      WriteOutcome outcome = pages.write(page);
      counter.count(page); // after the page: a count retried after a failure is counted once
      return outcome;
    }
    if (record.topic().equals(topics.sandbox.name())) {
      SandboxAnnotation submit = topics.sandbox.valueSerde().deserializer().deserialize(record.topic(), record.value());
      WriteOutcome outcome = sandbox.write(submit);
      counter.count(submit);
      return outcome;
    }
    AnnotationRecord annotation = topics.annotations.valueSerde().deserializer().deserialize(record.topic(), record.value());
    return annotations.write(annotation);
  }

  private boolean deadLetter(ConsumerRecord<String, byte[]> record, String reason, String detail,
      KafkaProducer<String, DeadLetter> deadLetters) {
    byte[] payload = record.value();
    DeadLetter letter = DeadLetter.newBuilder()
        .setSource(SOURCE).setReason(reason).setDetail(detail == null ? "" : detail)
        .setPayload(payload == null ? null : ByteBuffer.wrap(payload))
        .setPayloadText(null).setPayloadTruncated(false)
        .setKey(record.key()).setOriginTopic(record.topic()).setOriginPartition(record.partition())
        .setOriginOffset(record.offset()).setOccurredAt(System.currentTimeMillis())
        .build();
    try {
      deadLetters.send(new ProducerRecord<>(topics.deadLetters.name(), record.key(), letter)).get();
      meters.counter("byproduct.assembler.dead-lettered", "reason", reason).increment();
      log.warn("Dead-lettered {}-{}@{}: {} ({})", record.topic(), record.partition(), record.offset(), reason, detail);
      return true;
    } catch (ExecutionException e) {
      log.error("Cannot write a dead letter; the record will be delivered again", e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void sleepWhileRunning(Duration pause) {
    long until = System.nanoTime() + pause.toNanos();
    while (running && System.nanoTime() < until) {
      sleep(Duration.ofMillis(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000))));
    }
  }

  private static void sleep(Duration backoff) {
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
