package io.byproduct.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaIT {

  @Test
  void brokerInDataDir_keepsRecordsAcrossARestart(@TempDir Path dataDir) throws Exception {
    try (LocalKafka kafka = LocalKafka.start(dataDir, 0, Map.of())) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
      }
      try (KafkaProducer<String, String> producer = producer(kafka)) {
        producer.send(new ProducerRecord<>("kept", "k", "written before the restart")).get();
      }
    }

    try (LocalKafka restarted = LocalKafka.start(dataDir, 0, Map.of())) {
      assertThat(readAll(restarted, "kept", 1)).containsExactly("written before the restart");
    }
  }

  @Test
  void stopAndRestart_keepsThePortAndTheRecords() throws Exception {
    try (LocalKafka kafka = LocalKafka.start()) {
      String bootstrap = kafka.bootstrapServers();
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        admin.createTopics(List.of(new NewTopic("restarted", 1, (short) 1))).all().get();
      }
      try (KafkaProducer<String, String> producer = producer(kafka)) {
        producer.send(new ProducerRecord<>("restarted", "k", "before")).get();
        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();
        kafka.restart();
        producer.send(new ProducerRecord<>("restarted", "k", "after")).get();  // the same producer carries on
      }
      assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
      assertThat(readAll(kafka, "restarted", 2)).containsExactly("before", "after");
    }
  }

  @Test
  void transactionalProducer_commitsOnASingleBroker() throws Exception {
    try (LocalKafka kafka = LocalKafka.start()) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic("tx", 1, (short) 1))).all().get();
      }
      Properties p = producerProps(kafka);
      p.put("transactional.id", "tx-test");
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("tx", "k", "committed"));
        producer.commitTransaction();
      }

      assertThat(readAll(kafka, "tx", 1)).containsExactly("committed");
    }
  }

  private static KafkaProducer<String, String> producer(LocalKafka kafka) {
    return new KafkaProducer<>(producerProps(kafka));
  }

  private static Properties producerProps(LocalKafka kafka) {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", StringSerializer.class.getName());
    return p;
  }

  private static List<String> readAll(LocalKafka kafka, String topic, int expected) {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    p.put("group.id", "reader-" + System.nanoTime());
    p.put("auto.offset.reset", "earliest");
    p.put("isolation.level", "read_committed");
    p.put("key.deserializer", StringDeserializer.class.getName());
    p.put("value.deserializer", StringDeserializer.class.getName());
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }
}
