package io.byproduct.localinfra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** String records in and out of a local broker or cluster, for the ITs. */
final class StringRecords {

  private StringRecords() {}

  /** An idempotent producer with {@code acks=all}. */
  static Properties producerProps(String bootstrapServers) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", StringSerializer.class.getName());
    return p;
  }

  /** The committed values of a topic from the start: at least {@code expected} (within 60 s), and any beyond them. */
  static List<String> readAll(String bootstrapServers, String topic, int expected) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("group.id", "reader-" + System.nanoTime());
    p.put("auto.offset.reset", "earliest");
    p.put("isolation.level", "read_committed");
    p.put("key.deserializer", StringDeserializer.class.getName());
    p.put("value.deserializer", StringDeserializer.class.getName());
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
      for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
        values.add(r.value());     // a record beyond the expected ones is a duplicate
      }
    }
    return values;
  }
}
