package io.byproduct.localinfra;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One combined broker and controller of a KRaft cluster in this JVM, on fixed ports and a fixed
 * log directory, so that it can be stopped and started again as the same node with its data.
 */
final class KafkaNode {

  private final int nodeId;
  private final Path logDir;
  private final int brokerPort;
  private final int controllerPort;
  private final Properties properties;
  private KafkaRaftServer server;

  /**
   * @param voters the controller quorum, {@code id@host:port,...}
   * @param replicas replicas of the internal topics (offsets, transactions): the cluster's size
   */
  KafkaNode(int nodeId, Path logDir, int brokerPort, int controllerPort, String voters, int replicas) {
    this.nodeId = nodeId;
    this.logDir = logDir;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
    this.properties = properties(nodeId, logDir, brokerPort, controllerPort, voters, replicas);
  }

  static Properties properties(int nodeId, Path logDir, int brokerPort, int controllerPort, String voters, int replicas) {
    String minIsr = String.valueOf(Math.min(2, replicas));
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(nodeId));
    p.put("controller.quorum.voters", voters);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "false");
    // Internal topics cannot have more replicas than the cluster has brokers, or exactly-once
    // Kafka Streams (transactions) and consumer groups never start: one broker needs 1 everywhere.
    p.put("offsets.topic.replication.factor", String.valueOf(replicas));
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", String.valueOf(replicas));
    p.put("transaction.state.log.min.isr", minIsr);
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", String.valueOf(replicas));
    p.put("share.coordinator.state.topic.min.isr", minIsr);
    p.put("min.insync.replicas", minIsr);
    p.put("default.replication.factor", String.valueOf(replicas));
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
    return p;
  }

  void override(Map<String, String> overrides) {
    properties.putAll(overrides);
  }

  /** Formats the log directory as a node of the cluster, unless it already is. */
  void formatIfNew(String clusterId) {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return;
    }
    try {
      Files.createDirectories(logDir);
      new Formatter()
          .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
          .setClusterId(clusterId)
          .setNodeId(nodeId)
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(logDir.toString())
          .setDirectories(List.of(logDir.toString()))
          .setReleaseVersion(MetadataVersion.latestProduction())
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot format the Kafka data directory " + logDir + ": " + e.getMessage(), e);
    }
  }

  /** Starts the node; returns once it is listening (a broker also waits for the controller quorum). */
  synchronized void start() {
    if (server != null) {
      throw new IllegalStateException("Kafka node " + nodeId + " is already running");
    }
    KafkaRaftServer started = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
    started.startup();
    server = started;
  }

  /** Shuts the node down cleanly; its data and ports stay. Does nothing if it is not running. */
  synchronized void stop() {
    if (server == null) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    server = null;
  }

  synchronized boolean isRunning() {
    return server != null;
  }

  int nodeId() {
    return nodeId;
  }

  int brokerPort() {
    return brokerPort;
  }

  int controllerPort() {
    return controllerPort;
  }

  Path logDir() {
    return logDir;
  }

  String bootstrapServer() {
    return "127.0.0.1:" + brokerPort;
  }
}
