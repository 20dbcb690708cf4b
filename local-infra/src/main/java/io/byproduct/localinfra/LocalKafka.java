package io.byproduct.localinfra;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), run in
 * this JVM from the Kafka artifacts on Maven Central. Its settings are those a one-broker
 * cluster needs for exactly-once processing (replication factor and min ISR of the internal
 * topics set to 1).
 *
 * <p>Data lives in a temporary directory deleted on {@link #close()}, or in a given directory
 * that survives restarts (formatted on first use only).
 */
public final class LocalKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);

  private final KafkaRaftServer server;
  private final Path logDir;
  private final boolean temporary;
  private final String bootstrapServers;

  private LocalKafka(KafkaRaftServer server, Path logDir, boolean temporary, String bootstrapServers) {
    this.server = server;
    this.logDir = logDir;
    this.temporary = temporary;
    this.bootstrapServers = bootstrapServers;
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
    try {
      Path logDir = temporary ? Files.createTempDirectory("byproduct-kafka-") : dataDir.toAbsolutePath();
      Files.createDirectories(logDir);
      int brokerPort = FreePort.preferring(preferredPort);
      int controllerPort = FreePort.pickOtherThan(brokerPort);
      Properties props = brokerProperties(logDir, brokerPort, controllerPort);
      props.putAll(overrides);
      KafkaConfig config = new KafkaConfig(props, false);
      formatIfNew(logDir);
      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      String bootstrap = "127.0.0.1:" + brokerPort;
      LocalKafka kafka = new LocalKafka(server, logDir, temporary, bootstrap);
      kafka.awaitReady(60);
      log.info("Kafka broker (KRaft) ready at {} with data in {}", bootstrap, logDir);
      return kafka;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the Kafka data directory: " + e.getMessage(), e);
    }
  }

  static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "false");
    // A single broker: internal topics cannot have more than one replica, or exactly-once
    // Kafka Streams (transactions) and consumer groups never start.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("min.insync.replicas", "1");
    p.put("default.replication.factor", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
    return p;
  }

  private static void formatIfNew(Path logDir) {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return;
    }
    try {
      new Formatter()
          .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
          .setClusterId(Uuid.randomUuid().toString())
          .setNodeId(1)
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(logDir.toString())
          .setDirectories(java.util.List.of(logDir.toString()))
          .setReleaseVersion(MetadataVersion.latestProduction())
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot format the Kafka data directory " + logDir + ": " + e.getMessage(), e);
    }
  }

  private void awaitReady(int seconds) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
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
    return bootstrapServers;
  }

  public Path dataDir() {
    return logDir;
  }

  @Override
  public synchronized void close() {
    server.shutdown();
    server.awaitShutdown();
    if (temporary) {
      Directories.deleteQuietly(logDir);
    }
  }
}
