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
 * The gateway is stopped mid-session (open WebSockets closed with 1001, as in a deployment) and a
 * new one started on the same port; the workers reconnect and resend what was not acknowledged.
 */
class GatewayRestartIT {

  @TempDir
  Path dataDir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void gatewayRestartsMidSession_everyAcknowledgedEventIsStoredOnce() throws Exception {
    List<Workload.Session> sessions = Workload.sessions(6, 2, 10, 14);
    try (LocalKafka kafka = LocalKafka.start();
        SystemParts parts = SystemParts.start(dataDir, kafka.bootstrapServers(), Map.of())) {
      boolean[] midSession = new boolean[1];
      List<OutboxWorker> workers = OutboxWorkers.playDuring(parts.ingestWebSocket(), parts.workerIdKey(), sessions, Duration.ofMillis(100),
          0.25, running -> {
            midSession[0] = running.stream().noneMatch(OutboxWorker::done);
            parts.stopGateway();
            Thread.sleep(1000);
            parts.startGateway();
          }, Duration.ofMinutes(3));

      assertThat(midSession[0]).as("the gateway stopped while every worker had events to send").isTrue();
      assertThat(workers).as("every worker reconnected after the restart").allMatch(w -> w.connections() >= 2);
      assertThat(workers.stream().flatMap(w -> w.closes().stream())).anyMatch(c -> c.startsWith("1001"));
      ReferenceCheck.assertEveryFrameAcknowledged(workers, sessions);
      ReferenceCheck.assertStoredPagesEqualReference(parts, sessions, Duration.ofSeconds(90));
    }
  }
}
