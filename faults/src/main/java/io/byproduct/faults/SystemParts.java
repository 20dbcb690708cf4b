package io.byproduct.faults;

import io.byproduct.gateway.GatewayApplication;
import io.byproduct.localinfra.DynaliteInstall;
import io.byproduct.localinfra.FreePort;
import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.pageassembler.PageAssemblerApplication;
import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.pages.PageReader;
import io.byproduct.platform.tables.Tables;
import io.byproduct.platform.workers.WorkerPseudonyms;
import io.byproduct.streamprocessor.StreamProcessorApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The system's parts started one by one against a given Kafka cluster, so that a fault test can
 * stop and start each of them: dynalite (in memory, owned here), the gateway (on a port that stays
 * the same across restarts), the stream processor and the page assembler. Configured like
 * devstack's {@code LocalStack}: topics and tables are created when missing, one worker-id key for
 * every gateway start (pseudonyms stay stable), the stream processor's state in the data folder.
 */
public final class SystemParts implements AutoCloseable {

  private final Path dataDir;
  private final String kafkaBootstrapServers;
  private final Map<String, String> extra;
  private final String workerIdKey;
  private final LocalDynamo dynamo;
  private final int gatewayPort;
  private final DynamoDbClient dynamoClient;
  private final SpringService gateway = new SpringService("gateway", GatewayApplication::builder, this::gatewayProperties);
  private final SpringService streamProcessor = new SpringService("stream processor",
      StreamProcessorApplication::builder, this::streamProcessorProperties);
  private final SpringService pageAssembler = new SpringService("page assembler", PageAssemblerApplication::builder,
      this::shared);

  private SystemParts(Path dataDir, String kafkaBootstrapServers, Map<String, String> extra) {
    this.dataDir = dataDir;
    this.kafkaBootstrapServers = kafkaBootstrapServers;
    this.extra = Map.copyOf(extra);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.workerIdKey = HexFormat.of().formatHex(key);
    this.dynamo = LocalDynamo.start(DynaliteInstall.locate(), null, 0);
    this.gatewayPort = FreePort.pick();
    this.dynamoClient = DynamoClients.create(dynamoProperties());
  }

  /**
   * Starts dynalite, the gateway, the stream processor and the page assembler.
   *
   * @param dataDir where the stream processor keeps its state
   * @param kafkaBootstrapServers the cluster, already running
   * @param extra properties for every service, e.g. {@code byproduct.topics.replication-factor};
   *     those under {@code byproduct.gateway.} reach only the gateway
   */
  public static SystemParts start(Path dataDir, String kafkaBootstrapServers, Map<String, String> extra) {
    SystemParts parts = new SystemParts(dataDir, kafkaBootstrapServers, extra);
    try {
      parts.startGateway();
      parts.startStreamProcessor();
      parts.startPageAssembler();
      return parts;
    } catch (RuntimeException e) {
      parts.close();
      throw e;
    }
  }

  private Map<String, String> shared() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("byproduct.kafka.bootstrap-servers", kafkaBootstrapServers);
    props.put("byproduct.dynamo.endpoint", dynamo.endpoint());
    props.put("byproduct.provisioning.create-missing", "true");
    props.put("byproduct.topics.partitions", "2");
    props.put("spring.main.banner-mode", "off");
    props.put("spring.main.log-startup-info", "false");
    extra.forEach((name, value) -> {
      if (!name.startsWith("byproduct.gateway.")) {
        props.put(name, value);
      }
    });
    return props;
  }

  private Map<String, String> gatewayProperties() {
    Map<String, String> props = shared();
    props.put("server.port", String.valueOf(gatewayPort));
    props.put("byproduct.gateway.worker-id-key", workerIdKey);
    props.put("byproduct.gateway.survey-code-key", workerIdKey.substring(0, 32) + "-survey-codes");
    // every simulated worker connects from 127.0.0.1: the per-address bound would count them as one client
    props.put("byproduct.gateway.connections.max-ingest-per-address", "10000");
    extra.forEach((name, value) -> {
      if (name.startsWith("byproduct.gateway.")) {
        props.put(name, value);
      }
    });
    return props;
  }

  private Map<String, String> streamProcessorProperties() {
    Map<String, String> props = shared();
    props.put("byproduct.stream-processor.state-dir", dataDir.resolve("streams").toString());
    return props;
  }

  /** Starts the gateway on its port (retrying for a while if the last one still holds it). */
  public void startGateway() {
    gateway.start();
  }

  /** Stops the gateway as a deployment does: open WebSockets are closed with 1001, producers flushed. */
  public void stopGateway() {
    gateway.stop();
  }

  public void startStreamProcessor() {
    streamProcessor.start();
  }

  public void stopStreamProcessor() {
    streamProcessor.stop();
  }

  public void startPageAssembler() {
    pageAssembler.start();
  }

  public void stopPageAssembler() {
    pageAssembler.stop();
  }

  public int gatewayPort() {
    return gatewayPort;
  }

  public URI ingestWebSocket() {
    return URI.create("ws://127.0.0.1:" + gatewayPort + "/ingest/ws");
  }

  public URI gatewayUrl(String path) {
    return URI.create("http://127.0.0.1:" + gatewayPort + path);
  }

  /** The running gateway's meters (e.g. {@code byproduct.ingest.rejected}). */
  public MeterRegistry gatewayMeters() {
    return gateway.context().getBean(MeterRegistry.class);
  }

  /** The gateway's worker-id key: the simulated workers' hellos carry capabilities computed with it. */
  public String workerIdKey() {
    return workerIdKey;
  }

  public WorkerPseudonyms pseudonyms() {
    return new WorkerPseudonyms(workerIdKey);
  }

  public PageReader pages() {
    return new PageReader(dynamoClient, new Tables(dynamoProperties().tables()));
  }

  public DynamoDbClient dynamo() {
    return dynamoClient;
  }

  private DynamoProperties dynamoProperties() {
    return new DynamoProperties(URI.create(dynamo.endpoint()), "us-east-1", "local", "local", Duration.ofSeconds(10),
        new DynamoProperties.TableNames("ImageNetHIT", "ImageNetAnnotation", "ImageNetAnnotationPage"));
  }

  /** Stops the services (gateway first), then dynalite. The Kafka cluster is the caller's. */
  @Override
  public void close() {
    for (Runnable stop : new Runnable[] {this::stopGateway, this::stopStreamProcessor, this::stopPageAssembler}) {
      try {
        stop.run();
      } catch (RuntimeException e) {
        System.err.println("While stopping: " + e);
      }
    }
    dynamoClient.close();
    dynamo.close();
  }
}
