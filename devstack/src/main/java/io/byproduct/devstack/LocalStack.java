package io.byproduct.devstack;

import io.byproduct.hittool.demo.DemoDataset;
import io.byproduct.hittool.reviews.HitReviewPublisher;
import io.byproduct.platform.config.KafkaProperties;
import io.byproduct.schemas.topics.Topics;
import io.byproduct.gateway.GatewayApplication;
import io.byproduct.localinfra.DynaliteInstall;
import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.pageassembler.PageAssemblerApplication;
import io.byproduct.platform.catalog.Catalog;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.streamprocessor.StreamProcessorApplication;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole system on one machine: a Kafka broker, dynalite, the gateway, the stream processor and
 * the page assembler, with the demo dataset loaded. {@link #close()} stops everything, services
 * first, in reverse order of start.
 */
public final class LocalStack implements AutoCloseable {

  private final List<AutoCloseable> started = new ArrayList<>();
  private final Path dataDir;
  private final boolean temporary;
  private LocalKafka kafka;
  private LocalDynamo dynamo;
  private ConfigurableApplicationContext gateway;
  private int port;

  private LocalStack(Path dataDir, boolean temporary) {
    this.dataDir = dataDir;
    this.temporary = temporary;
  }

  /**
   * @param dataDir where Kafka, DynamoDB, the stream processor's state and the demo images are kept
   *     across restarts; {@code null} for a temporary folder deleted on close
   * @param port the gateway's HTTP port (0: any free port)
   * @param progress where to report each step
   */
  public static LocalStack start(Path dataDir, int port, PrintStream progress) {
    boolean temporary = dataDir == null;
    Path root;
    try {
      root = temporary ? Files.createTempDirectory("byproduct-devstack-") : Files.createDirectories(dataDir.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the data folder " + dataDir, e);
    }
    LocalStack stack = new LocalStack(root, temporary);
    try {
      stack.startAll(port, progress);
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void startAll(int requestedPort, PrintStream progress) {
    progress.println("[1/6] Starting Kafka (KRaft, single node) ...");
    kafka = LocalKafka.start(temporary ? null : dataDir.resolve("kafka"), 9092, Map.of());
    started.add(kafka);
    progress.println("      Kafka at " + kafka.bootstrapServers());

    progress.println("[2/6] Starting the DynamoDB-compatible server (dynalite) ...");
    dynamo = LocalDynamo.start(DynaliteInstall.locate(), temporary ? null : dataDir.resolve("dynamodb"), 8000);
    started.add(dynamo);
    progress.println("      DynamoDB at " + dynamo.endpoint() + (temporary ? " (in memory)" : ""));

    progress.println("[3/6] Writing the demo images and manifest ...");
    Path images = dataDir.resolve("images");
    DemoDataset.writeImages(images);
    Path manifest = DemoDataset.writeManifest(dataDir.resolve("demo-manifest.json"));
    progress.println("      manifest " + manifest + " (hit-tool validate/import reads it)");
    Map<String, String> shared = sharedProperties();

    progress.println("[4/6] Starting the gateway (creates missing topics and tables) ...");
    Map<String, String> gatewayProps = new LinkedHashMap<>(shared);
    gatewayProps.put("server.port", String.valueOf(requestedPort));
    gatewayProps.put("byproduct.gateway.images-dir", images.toString());
    gatewayProps.put("byproduct.gateway.worker-id-key", secret("worker-id-key"));
    gatewayProps.put("byproduct.gateway.survey-code-key", secret("survey-code-key"));
    gatewayProps.put("byproduct.gateway.live.token", secret("live-token"));
    gatewayProps.put("byproduct.gateway.review.token", secret("review-token"));
    // a local run: its health shows the details that a deployment shows only on its management port
    gatewayProps.put("byproduct.gateway.allow-demo-secrets", "true");
    gatewayProps.put("management.endpoint.health.show-details", "always");
    gatewayProps.put("management.endpoint.health.show-components", "always");
    // browsers, simulated workers (bench) and tests of a local run all connect from this machine
    gatewayProps.put("byproduct.gateway.connections.max-ingest-per-address", "10000");
    gatewayProps.put("byproduct.gateway.connections.max-ingest", "10000");
    // the original front end's API (compatibility mode) is on for the local run, without the start-up warning
    gatewayProps.put("byproduct.gateway.seed-api.enabled", "true");
    gatewayProps.put("byproduct.gateway.seed-api.warn", "false");
    gateway = run(GatewayApplication.builder(), gatewayProps);
    port = ((WebServerApplicationContext) gateway).getWebServer().getPort();

    progress.println("[5/6] Starting the stream processor and the page assembler ...");
    Map<String, String> streamProps = new LinkedHashMap<>(shared);
    streamProps.put("byproduct.stream-processor.state-dir", dataDir.resolve("streams").toString());
    run(StreamProcessorApplication.builder(), streamProps);
    run(PageAssemblerApplication.builder(), shared);

    progress.println("[6/6] Loading the demo dataset ...");
    List<String> hits = DemoDataset.load(gateway.getBean(HitStore.class), gateway.getBean(Catalog.class));
    progress.println("      dataset '" + DemoDataset.DATASET + "': HITs " + String.join(", ", hits));
    publishDemoReviews(gateway.getBean(KafkaProperties.class).clientProperties(), gateway.getBean(Topics.class));
    progress.println("      their classes and controls published to " + gateway.getBean(Topics.class).hitReviews.name()
        + " (live quality)");
  }

  /** The demo HITs' classes and controls, for the stream processor's quality topology. */
  private static void publishDemoReviews(Map<String, Object> kafkaClient, Topics topics) {
    try (HitReviewPublisher publisher = new HitReviewPublisher(kafkaClient, topics.hitReviews, Duration.ofSeconds(30))) {
      publisher.publish(DemoDataset.reviews());
    }
  }

  private Map<String, String> sharedProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("byproduct.kafka.bootstrap-servers", kafka.bootstrapServers());
    props.put("byproduct.dynamo.endpoint", dynamo.endpoint());
    props.put("byproduct.provisioning.create-missing", "true");
    props.put("spring.main.banner-mode", "off");
    props.put("spring.main.log-startup-info", "false");
    return props;
  }

  /**
   * A random secret kept in the data folder (so pseudonyms and tokens stay stable across restarts),
   * one per purpose: {@code worker-id-key} for pseudonyms (and the assignment binding), {@code
   * survey-code-key} for survey codes ({@code hit-tool verify-codes --key-file <data>/survey-code-key}),
   * {@code live-token} for the live streams, {@code review-token} for the review endpoints.
   */
  private String secret(String name) {
    Path file = dataDir.resolve(name);
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      String hex = HexFormat.of().formatHex(key);
      Files.writeString(file, hex);
      return hex;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the secret " + name + " in " + file, e);
    }
  }

  private ConfigurableApplicationContext run(SpringApplicationBuilder builder, Map<String, String> props) {
    String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    ConfigurableApplicationContext context = builder.registerShutdownHook(false).run(args);
    started.add(context::close);
    return context;
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  public String kafkaBootstrapServers() {
    return kafka.bootstrapServers();
  }

  public String dynamoEndpoint() {
    return dynamo.endpoint();
  }

  /** The worker's page of the first demo HIT, with MTurk-style parameters filled in. */
  public String demoUrl() {
    return baseUrl() + "/?hitDatasetName=" + DemoDataset.DATASET + "&imageNetHitId=" + DemoDataset.HIT_IDS.get(0)
        + "&workerId=DEMO_WORKER&assignmentId=DEMO_ASSIGNMENT&hitId=DEMO_HIT&version=POINTER_ORIGINAL";
  }

  /**
   * The gateway's worker-id key: test harnesses use it to compute pseudonyms and the capabilities
   * of their simulated workers' hellos (a real page gets its capability from the gateway).
   */
  public String workerIdKey() {
    return secret("worker-id-key");
  }

  /** The key of the survey codes ({@code hit-tool verify-codes --key-file <data dir>/survey-code-key}). */
  public String surveyCodeKey() {
    return secret("survey-code-key");
  }

  /** The bearer token of the live streams. */
  public String liveToken() {
    return secret("live-token");
  }

  /** The bearer token of the review endpoints. */
  public String reviewToken() {
    return secret("review-token");
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public synchronized void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println("While stopping: " + e.getMessage());
      }
    }
    started.clear();
    if (temporary) {
      deleteQuietly(dataDir);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder
    }
  }
}
