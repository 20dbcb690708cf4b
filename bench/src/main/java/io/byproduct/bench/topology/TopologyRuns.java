package io.byproduct.bench.topology;

import io.byproduct.schemas.batch.InteractionBatch;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.topics.Topic;
import io.byproduct.streamprocessor.topology.CaptureTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * The measured runs the benchmarks share: a bare idempotent producer (the gateway's ceiling), a
 * pass-through topology (the aggregation's ceiling), and draining a topology over an input topic.
 */
public final class TopologyRuns {

  /** One measured throughput. */
  public record Result(String name, long events, double seconds) {
    public double eventsPerSecond() {
      return events / seconds;
    }
  }

  private TopologyRuns() {}

  /** Sends the events as the gateway's producer does ({@code acks=all}, idempotent, lz4), timed until flushed. */
  public static Result bareProducer(String bootstrapServers, Topic<String, InteractionEvent> topic,
      List<InteractionEvent> events) {
    Map<String, Object> config = Map.of("bootstrap.servers", bootstrapServers, "acks", "all",
        "enable.idempotence", true, "linger.ms", 5, "compression.type", "lz4");
    try (KafkaProducer<String, InteractionEvent> producer = new KafkaProducer<>(config,
        topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      AtomicLong failed = new AtomicLong();
      AtomicReference<Exception> firstFailure = new AtomicReference<>();
      long start = System.nanoTime();
      for (InteractionEvent e : events) {
        producer.send(new ProducerRecord<>(topic.name(), e.getAnnotationId(), e), (metadata, error) -> {
          if (error != null) {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, error);
          }
        });
      }
      producer.flush();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (failed.get() > 0) {  // e.g. a delivery timeout: counting them as sent would flatter the baseline
        throw new IllegalStateException("the bare producer could not write " + failed.get() + " of " + events.size()
            + " events in " + Math.round(seconds) + " s", firstFailure.get());
      }
      return new Result("bare Kafka producer (acks=all, idempotent)", events.size(), seconds);
    }
  }

  /** Sends batches as the gateway's producer does, timed until flushed; counts {@code events}, the events they hold. */
  public static Result bareProducerOfBatches(String bootstrapServers, Topic<String, InteractionBatch> topic,
      List<InteractionBatch> batches, long events) {
    Map<String, Object> config = Map.of("bootstrap.servers", bootstrapServers, "acks", "all",
        "enable.idempotence", true, "linger.ms", 5, "compression.type", "lz4");
    try (KafkaProducer<String, InteractionBatch> producer = new KafkaProducer<>(config,
        topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      AtomicLong failed = new AtomicLong();
      long start = System.nanoTime();
      for (InteractionBatch b : batches) {
        producer.send(new ProducerRecord<>(topic.name(), b.getAnnotationId(), b), (metadata, error) -> {
          if (error != null) {
            failed.incrementAndGet();
          }
        });
      }
      producer.flush();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (failed.get() > 0) {
        throw new IllegalStateException("the bare producer could not write " + failed.get() + " of " + batches.size() + " batches");
      }
      return new Result("bare Kafka producer (acks=all, idempotent)", events, seconds);
    }
  }

  /** Copies records from {@code source} to {@code sink} as bytes. */
  public static Topology passThrough(String source, String sink) {
    Topology topology = new Topology();
    topology.addSource("source", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), source);
    topology.addSink("sink", sink, Serdes.String().serializer(), Serdes.ByteArray().serializer(), "source");
    return topology;
  }

  /** The end offsets of a topic's partitions. */
  /**
   * Waits until every partition of a new topic answers a ListOffsets from its leader (the admin
   * client retries NOT_LEADER_OR_FOLLOWER, not a topic its broker does not know yet): up to 30 s.
   */
  public static void awaitLeading(Admin admin, String topic, int partitions) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        endOffsets(admin, topic, partitions);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  public static Map<TopicPartition, Long> endOffsets(Admin admin, String topic, int partitions) throws Exception {
    return admin.listOffsets(IntStream.range(0, partitions).boxed()
            .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest())))
        .all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  /**
   * Runs a topology (exactly-once, the stream processor's record cache) from the start of its
   * input until its consumer group has committed every offset in {@code ends}.
   */
  public static Result drain(String name, String bootstrapServers, Admin admin, Topology topology,
      Map<TopicPartition, Long> ends, long events) throws Exception {
    String applicationId = "bench-" + name.replaceAll("[^a-z]", "") + "-" + System.nanoTime();
    Path state = Files.createTempDirectory("bench-state-");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    props.put(StreamsConfig.producerPrefix("max.request.size"), CaptureTopology.MAX_RECORD_BYTES);
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 128L * 1024 * 1024);  // as the stream processor
    props.put(StreamsConfig.producerPrefix("compression.type"), "lz4");
    try (KafkaStreams streams = new KafkaStreams(topology, props)) {
      long start = System.nanoTime();
      streams.start();
      while (!caughtUp(admin, applicationId, ends)) {
        TimeUnit.MILLISECONDS.sleep(50);
        if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(10)) {
          throw new IllegalStateException(name + " did not finish within 10 minutes");
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      streams.close(Duration.ofSeconds(30));
      return new Result(name, events, seconds);
    }
  }

  /** Whether the consumer group has committed at least {@code ends} on every partition. */
  public static boolean caughtUp(Admin admin, String group, Map<TopicPartition, Long> ends) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      OffsetAndMetadata offset = committed.get(end.getKey());
      if (offset == null || offset.offset() < end.getValue()) {
        return false;
      }
    }
    return true;
  }
}
