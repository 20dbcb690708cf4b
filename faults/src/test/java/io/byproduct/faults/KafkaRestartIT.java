package io.byproduct.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.localinfra.LocalKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The only Kafka broker is shut down mid-session and started again on the same port and data once
 * every worker has sent the rest of its frames into the outage. The gateway's producer must carry on by itself (acks resume, or frames it
 * could not write are refused not-durable and resent); the stream processor and the page
 * assembler must carry on too.
 */
class KafkaRestartIT {

  @TempDir
  Path dataDir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void brokerRestartsMidSession_everyAcknowledgedEventIsStoredOnce() throws Exception {
    List<Workload.Session> sessions = Workload.sessions(6, 2, 10, 15);
    try (LocalKafka kafka = LocalKafka.start(dataDir.resolve("kafka"), 0, Map.of());
        SystemParts parts = SystemParts.start(dataDir, kafka.bootstrapServers(), Map.of())) {
      boolean[] midSession = new boolean[1];
      List<OutboxWorker> workers = OutboxWorkers.playDuring(parts.ingestWebSocket(), parts.workerIdKey(), sessions, Duration.ofMillis(100),
          0.25, running -> {
            midSession[0] = running.stream().noneMatch(OutboxWorker::done);
            kafka.stop();
            // down until every worker has sent all its frames: the rest of every session meets no broker
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!running.stream().allMatch(OutboxWorker::allSent) && System.nanoTime() < deadline) {
              Thread.sleep(50);
            }
            Thread.sleep(1000);
            kafka.restart();
          }, Duration.ofMinutes(3));

      assertThat(midSession[0]).as("the broker stopped while every worker had events to send").isTrue();
      ReferenceCheck.assertEveryFrameAcknowledged(workers, sessions);
      ReferenceCheck.assertStoredPagesEqualReference(parts, sessions, Duration.ofSeconds(120));
    }
  }
}
