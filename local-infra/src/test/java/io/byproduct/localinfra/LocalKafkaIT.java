package io.byproduct.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
      assertThat(StringRecords.readAll(restarted.bootstrapServers(), "kept", 1)).containsExactly("written before the restart");
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
      assertThat(StringRecords.readAll(kafka.bootstrapServers(), "restarted", 2)).containsExactly("before", "after");
    }
  }

  @Test
  void transactionalProducer_commitsOnASingleBroker() throws Exception {
    try (LocalKafka kafka = LocalKafka.start()) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic("tx", 1, (short) 1))).all().get();
      }
      Properties p = StringRecords.producerProps(kafka.bootstrapServers());
      p.put("transactional.id", "tx-test");
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("tx", "k", "committed"));
        producer.commitTransaction();
      }

      assertThat(StringRecords.readAll(kafka.bootstrapServers(), "tx", 1)).containsExactly("committed");
    }
  }

  private static KafkaProducer<String, String> producer(LocalKafka kafka) {
    return new KafkaProducer<>(StringRecords.producerProps(kafka.bootstrapServers()));
  }
}
