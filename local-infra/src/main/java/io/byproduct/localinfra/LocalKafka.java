package io.byproduct.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), run in
 * this JVM from the Kafka artifacts on Maven Central. Its settings are those a one-broker
 * cluster needs for exactly-once processing (replication factor and min ISR of the internal
 * topics set to 1).
 *
 * <p>Data lives in a temporary directory deleted on {@link #close()}, or in a given directory
 * that survives restarts (formatted on first use only). {@link #stop()} and {@link #restart()}
 * take the broker down and up again on the same ports and data, as a broker restart does.
 */
public final class LocalKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);

  private final KafkaNode node;
  private final boolean temporary;

  private LocalKafka(KafkaNode node, boolean temporary) {
    this.node = node;
    this.temporary = temporary;
  }

  /** Starts a broker with its data in a temporary directory, on free ports. */
  public static LocalKafka start() {
    return start(null, 0, Map.of());
  }

  /**
   * @param dataDir where the broker keeps its log; {@code null} for a temporary directory
   * @param preferredPort the client port to use if free (0: any free port)
   * @param overrides broker properties that replace the defaults
   */
  public static LocalKafka start(Path dataDir, int preferredPort, Map<String, String> overrides) {
    boolean temporary = dataDir == null;
    Path logDir;
    try {
      logDir = temporary ? Files.createTempDirectory("byproduct-kafka-") : dataDir.toAbsolutePath();
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the Kafka data directory: " + e.getMessage(), e);
    }
    int brokerPort = FreePort.preferring(preferredPort);
    int controllerPort = FreePort.pickOtherThan(brokerPort);
    KafkaNode node = new KafkaNode(1, logDir, brokerPort, controllerPort, "1@127.0.0.1:" + controllerPort, 1);
    node.override(overrides);
    node.formatIfNew(Uuid.randomUuid().toString());
    LocalKafka kafka = new LocalKafka(node, temporary);
    kafka.startNode();
    return kafka;
  }

  private void startNode() {
    node.start();
    awaitReady(60);
    log.info("Kafka broker (KRaft) ready at {} with data in {}", node.bootstrapServer(), node.logDir());
  }

  private void awaitReady(int seconds) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrapServer());
    try (Admin admin = Admin.create(p)) {
      admin.describeCluster().nodes().get(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
    } catch (ExecutionException | TimeoutException e) {
      close();
      throw new IllegalStateException("The Kafka broker did not become ready within " + seconds + " s", e);
    }
  }

  public String bootstrapServers() {
    return node.bootstrapServer();
  }

  public Path dataDir() {
    return node.logDir();
  }

  /** Shuts the broker down cleanly, keeping its data and ports (a broker restart's first half). */
  public synchronized void stop() {
    node.stop();
    log.info("Kafka broker at {} stopped", node.bootstrapServer());
  }

  /** Starts the stopped broker again on the same ports and data; returns once it answers. */
  public synchronized void restart() {
    startNode();
  }

  public synchronized boolean isRunning() {
    return node.isRunning();
  }

  @Override
  public synchronized void close() {
    node.stop();
    if (temporary) {
      Directories.deleteQuietly(node.logDir());
    }
  }
}
