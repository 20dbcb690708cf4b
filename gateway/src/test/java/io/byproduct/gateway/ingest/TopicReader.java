package io.byproduct.gateway.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic from the beginning (raw bytes, no consumer group) until a condition holds or a deadline passes. */
final class TopicReader {

  private TopicReader() {}

  static List<ConsumerRecord<String, byte[]>> readUntil(String bootstrapServers, String topic,
      Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
    Map<String, Object> props = Map.of("bootstrap.servers", bootstrapServers, "enable.auto.commit", false,
        "auto.offset.reset", "earliest", "client.id", "ingest-it-reader");
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!done.test(records) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }
}
