package io.byproduct.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka cluster of several nodes in this JVM, for fault tests: each node is a
 * combined broker and controller with its own ports and log directory, and the nodes form one
 * controller quorum (3 nodes: a majority of 2 keeps it going). Internal topics are replicated on
 * every node (at most 3) with {@code min.insync.replicas} 2, as on a production cluster, and so is
 * every topic created with the broker defaults.
 *
 * <p>{@link #stopNode(int)} takes one node down cleanly (its data stays) and {@link
 * #startNode(int)} brings it back as the same node. Data is in a temporary directory deleted on
 * {@link #close()}.
 */
public final class LocalKafkaCluster implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalKafkaCluster.class);

  private final Path root;
  private final List<KafkaNode> nodes;

  private LocalKafkaCluster(Path root, List<KafkaNode> nodes) {
    this.root = root;
    this.nodes = nodes;
  }

  /** Starts a cluster of {@code size} nodes (1 to 5) on free loopback ports. */
  public static LocalKafkaCluster start(int size) {
    return start(size, Map.of());
  }

  /**
   * @param size nodes (1 to 5)
   * @param overrides broker properties that replace the defaults on every node
   */
  public static LocalKafkaCluster start(int size, Map<String, String> overrides) {
    if (size < 1 || size > 5) {
      throw new IllegalArgumentException("a local cluster has 1 to 5 nodes, not " + size);
    }
    Path root;
    try {
      root = Files.createTempDirectory("byproduct-kafka-cluster-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the Kafka cluster's data directory: " + e.getMessage(), e);
    }
    int[] ports = FreePort.distinct(2 * size);
    int[] brokerPorts = java.util.Arrays.copyOfRange(ports, 0, size);
    int[] controllerPorts = java.util.Arrays.copyOfRange(ports, size, 2 * size);
    List<String> voters = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      voters.add((i + 1) + "@127.0.0.1:" + controllerPorts[i]);
    }
    String clusterId = Uuid.randomUuid().toString();
    List<KafkaNode> nodes = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      KafkaNode node = new KafkaNode(i + 1, root.resolve("node-" + (i + 1)), brokerPorts[i], controllerPorts[i],
          String.join(",", voters), Math.min(3, size));
      node.override(overrides);
      node.formatIfNew(clusterId);
      nodes.add(node);
    }
    LocalKafkaCluster cluster = new LocalKafkaCluster(root, nodes);
    try {
      // a broker's start-up waits for the controller quorum, which needs a majority of the nodes
      CompletableFuture.allOf(nodes.stream().map(n -> CompletableFuture.runAsync(n::start)).toArray(CompletableFuture[]::new))
          .get(120, TimeUnit.SECONDS);
      cluster.awaitBrokers(size, 60);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cluster.close();
      throw new IllegalStateException("Interrupted while starting the Kafka cluster", e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      cluster.close();
      throw new IllegalStateException("The Kafka cluster of " + size + " nodes did not start: " + e, e);
    }
    log.info("Kafka cluster (KRaft, {} nodes) ready at {}", size, cluster.bootstrapServers());
    return cluster;
  }

  /** Waits until the cluster reports {@code expected} live brokers. */
  private void awaitBrokers(int expected, int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", runningBootstrapServers()))) {
      while (true) {
        int live;
        try {
          live = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
        } catch (ExecutionException | TimeoutException notYet) {
          live = 0;
        }
        if (live >= expected) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the Kafka cluster has " + live + " live brokers after " + seconds
              + " s, expected " + expected);
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the Kafka cluster", e);
    }
  }

  /** Every node's client address, whether it runs or not (clients find the live ones). */
  public String bootstrapServers() {
    return nodes.stream().map(KafkaNode::bootstrapServer).collect(Collectors.joining(","));
  }

  private String runningBootstrapServers() {
    return nodes.stream().filter(KafkaNode::isRunning).map(KafkaNode::bootstrapServer).collect(Collectors.joining(","));
  }

  public int size() {
    return nodes.size();
  }

  /** @param nodeId the node's {@code node.id}: 1 to {@link #size()} */
  public boolean isRunning(int nodeId) {
    return node(nodeId).isRunning();
  }

  /** Shuts one node (broker and controller) down cleanly; its data and ports stay. */
  public void stopNode(int nodeId) {
    node(nodeId).stop();
    log.info("Kafka node {} stopped", nodeId);
  }

  /** Starts a stopped node again with its data; returns once the cluster sees every running broker. */
  public void startNode(int nodeId) {
    node(nodeId).start();
    awaitBrokers((int) nodes.stream().filter(KafkaNode::isRunning).count(), 60);
    log.info("Kafka node {} started again", nodeId);
  }

  private KafkaNode node(int nodeId) {
    if (nodeId < 1 || nodeId > nodes.size()) {
      throw new IllegalArgumentException("no node " + nodeId + " in a cluster of " + nodes.size());
    }
    return nodes.get(nodeId - 1);
  }

  @Override
  public void close() {
    // all at once, while the controller quorum still has its majority to accept each shutdown
    CompletableFuture<?>[] stops = nodes.stream().map(n -> CompletableFuture.runAsync(n::stop)).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(stops).get(120, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("While stopping the Kafka cluster: {}", e.toString());
    }
    Directories.deleteQuietly(root);
  }
}
