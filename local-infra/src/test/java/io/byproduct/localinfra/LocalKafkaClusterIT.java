package io.byproduct.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LocalKafkaClusterIT {

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void threeNodes_loseThePartitionLeader_andKeepEveryAcknowledgedRecordOnce() throws Exception {
    try (LocalKafkaCluster cluster = LocalKafkaCluster.start(3);
        Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      assertThat(admin.describeCluster().nodes().get()).hasSize(3);
      admin.createTopics(List.of(new NewTopic("replicated", 1, (short) 3)
          .configs(Map.of("min.insync.replicas", "2")))).all().get();
      int leader = awaitPartition(admin, p -> p.leader() != null && p.isr().size() == 3).leader().id();

      List<Future<RecordMetadata>> sent = new ArrayList<>();
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(StringRecords.producerProps(cluster.bootstrapServers()))) {
        for (int i = 0; i < 200; i++) {
          sent.add(producer.send(new ProducerRecord<>("replicated", "k", "before-" + i)));
        }
        producer.flush();
        cluster.stopNode(leader);
        assertThat(cluster.isRunning(leader)).isFalse();
        for (int i = 0; i < 200; i++) {
          sent.add(producer.send(new ProducerRecord<>("replicated", "k", "after-" + i)));
        }
        for (Future<RecordMetadata> f : sent) {
          f.get(60, TimeUnit.SECONDS);                     // every record acknowledged by acks=all
        }
      }
      TopicPartitionInfo withoutLeader = awaitPartition(admin, p -> p.leader() != null && p.leader().id() != leader);
      assertThat(withoutLeader.isr()).hasSize(2);

      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        expected.add("before-" + i);
      }
      for (int i = 0; i < 200; i++) {
        expected.add("after-" + i);
      }
      assertThat(StringRecords.readAll(cluster.bootstrapServers(), "replicated", expected.size())).containsExactlyElementsOf(expected);

      cluster.startNode(leader);
      assertThat(awaitPartition(admin, p -> p.isr().size() == 3).isr()).extracting(n -> n.id())
          .containsExactlyInAnyOrder(1, 2, 3);
    }
  }

  private static TopicPartitionInfo awaitPartition(Admin admin, java.util.function.Predicate<TopicPartitionInfo> ready)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (true) {
      TopicPartitionInfo p = null;
      try {
        TopicDescription d = admin.describeTopics(List.of("replicated")).allTopicNames().get().get("replicated");
        p = d.partitions().get(0);
      } catch (java.util.concurrent.ExecutionException e) {
        // a broker that has not yet seen the new topic's metadata answers that it does not know it
        if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
          throw e;
        }
      }
      if (p != null && ready.test(p)) {
        return p;
      }
      assertThat(System.nanoTime()).as("partition state %s", p).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
