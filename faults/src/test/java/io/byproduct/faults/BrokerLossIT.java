package io.byproduct.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.localinfra.LocalKafkaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-broker KRaft cluster (every topic with 3 replicas and {@code min.insync.replicas} 2,
 * the stream processor's internal topics and the transaction log too) loses the broker that leads
 * the interactions topic while workers stream; it stays down. Leadership moves, the gateway's
 * producer, the stream processor's transactions and the page assembler carry on with two brokers.
 */
class BrokerLossIT {

  @TempDir
  Path dataDir;

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void oneOfThreeBrokersIsLostUnderLoad_everyAcknowledgedEventIsStoredOnce() throws Exception {
    List<Workload.Session> sessions = Workload.sessions(6, 2, 10, 16);
    try (LocalKafkaCluster cluster = LocalKafkaCluster.start(3);
        SystemParts parts = SystemParts.start(dataDir, cluster.bootstrapServers(),
            Map.of("byproduct.topics.replication-factor", "3"));
        Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      TopicDescription interactions = admin.describeTopics(List.of("interactions")).allTopicNames().get().get("interactions");
      assertThat(interactions.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
      assertThat(admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
          org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "interactions"))).all().get().values().iterator().next()
          .get("min.insync.replicas").value()).isEqualTo("2");
      int lost = interactions.partitions().get(0).leader().id();

      boolean[] midSession = new boolean[1];
      List<OutboxWorker> workers = OutboxWorkers.playDuring(parts.ingestWebSocket(), parts.workerIdKey(), sessions, Duration.ofMillis(100),
          0.25, running -> {
            midSession[0] = running.stream().noneMatch(OutboxWorker::done);
            cluster.stopNode(lost);
          }, Duration.ofMinutes(4));

      assertThat(midSession[0]).as("the broker was lost while every worker had events to send").isTrue();
      assertThat(cluster.isRunning(lost)).isFalse();
      ReferenceCheck.assertEveryFrameAcknowledged(workers, sessions);
      ReferenceCheck.assertStoredPagesEqualReference(parts, sessions, Duration.ofSeconds(120));
      TopicDescription after = admin.describeTopics(List.of("interactions")).allTopicNames().get().get("interactions");
      assertThat(after.partitions()).allSatisfy(p -> assertThat(p.leader().id()).isNotEqualTo(lost));
    }
  }
}
