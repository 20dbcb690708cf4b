package io.byproduct.deploy.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.bench.oracle.ReferenceRecords;
import io.byproduct.bench.script.PageScript;
import io.byproduct.bench.script.Worker;
import io.byproduct.bench.script.WorkerScripts;
import io.byproduct.bench.wire.IngestClient;
import io.byproduct.bench.wire.WireFrames;
import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.pages.PageReader;
import io.byproduct.platform.tables.Tables;
import io.byproduct.platform.workers.WorkerPseudonyms;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.json.SeedJson;
import io.byproduct.schemas.record.ImageRecord;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.kafka.KafkaContainer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.databind.JsonNode;

/**
 * The capture scenario of bench's CapturePipelineIT, on containers: the Apache Kafka image, dynalite
 * built from deploy/dynalite, and this build's images (loaded from their tarballs) of the init job,
 * the gateway, the stream processor and the page assembler. A page streamed over the gateway's
 * WebSocket must end in DynamoDB equal to the independently computed records.
 *
 * <p>Runs where a Docker engine is reachable; skipped, saying why, where none is (these build
 * machines), and when the image tarballs were not built.
 */
@ExtendWith(DockerEngineCondition.class)
class ContainersIT {

  private static final Path ROOT = Path.of(System.getProperty("byproduct.root", ".."));
  private static final String KAFKA_IMAGE = System.getProperty("byproduct.kafka.image", "apache/kafka:4.3.1");
  private static final String WORKER_ID_KEY = "containers-it-worker-id-key-0123456789";
  private static final List<GenericContainer<?>> started = new ArrayList<>();

  private static GenericContainer<?> gateway;
  private static GenericContainer<?> dynalite;
  private static DynamoDbClient dynamo;
  private static PageReader pages;

  @BeforeAll
  static void start() throws Exception {
    for (String image : List.of("gateway/target/image/gateway.tar", "stream-processor/target/image/stream-processor.tar",
        "page-assembler/target/image/page-assembler.tar", "deploy/target/image/init.tar")) {
      try (InputStream tar = Files.newInputStream(ROOT.resolve(image))) {
        DockerClientFactory.instance().client().loadImageCmd(tar).exec();
      }
    }
    String version = System.getProperty("byproduct.version", "0.1.0-SNAPSHOT");
    Network network = Network.newNetwork();

    KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE).withNetwork(network).withListener("kafka:19092");
    dynalite = new GenericContainer<>(new ImageFromDockerfile("byproduct/dynalite-it", false)
        .withFileFromPath(".", ROOT.resolve("deploy/dynalite")))
        .withNetwork(network).withNetworkAliases("dynamodb").withExposedPorts(8000)
        .waitingFor(Wait.forListeningPort());
    start(kafka, "kafka");
    start(dynalite, "dynalite");

    Map<String, String> infrastructure = Map.of(
        "BYPRODUCT_KAFKA_BOOTSTRAPSERVERS", "kafka:19092",
        "BYPRODUCT_DYNAMO_ENDPOINT", "http://dynamodb:8000",
        "BYPRODUCT_TOPICS_PARTITIONS", "3");
    start(service("init", version, network, infrastructure)
        .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(3))), "init");
    gateway = service("gateway", version, network, infrastructure)
        .withEnv("BYPRODUCT_GATEWAY_WORKERIDKEY", WORKER_ID_KEY)
        .withEnv("BYPRODUCT_SURVEY_CODE_KEY", "containers-it-survey-code-key-0123456789")
        .withExposedPorts(8080)
        .waitingFor(Wait.forHttp("/actuator/health").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(3)));
    start(gateway, "gateway");
    start(service("stream-processor", version, network, infrastructure)
        .waitingFor(Wait.forLogMessage(".*Started StreamProcessorApplication.*\\n", 1).withStartupTimeout(Duration.ofMinutes(3))),
        "stream-processor");
    start(service("page-assembler", version, network, infrastructure)
        .waitingFor(Wait.forLogMessage(".*Started PageAssemblerApplication.*\\n", 1).withStartupTimeout(Duration.ofMinutes(3))),
        "page-assembler");

    DynamoProperties props = new DynamoProperties(
        URI.create("http://" + dynalite.getHost() + ":" + dynalite.getMappedPort(8000)), "us-east-1", "local", "local",
        Duration.ofSeconds(10), new DynamoProperties.TableNames("ImageNetHIT", "ImageNetAnnotation", "ImageNetAnnotationPage"));
    dynamo = DynamoClients.create(props);
    pages = new PageReader(dynamo, new Tables(props.tables()));
  }

  private static GenericContainer<?> service(String name, String version, Network network, Map<String, String> env) {
    return new GenericContainer<>("byproduct/" + name + ":" + version).withNetwork(network).withEnv(env)
        .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withMemory(768L * 1024 * 1024));
  }

  private static void start(GenericContainer<?> container, String name) {
    container.withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("container." + name)));
    container.start();
    started.add(container);
  }

  @AfterAll
  static void stop() {
    if (dynamo != null) {
      dynamo.close();
    }
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).stop();
    }
  }

  @Test
  void pageStreamedOverTheGatewaysWebSocket_isStoredInDynamoDb_equalToTheReferenceRecords() throws Exception {
    String id = UUID.randomUUID().toString();
    Worker worker = new Worker(id, "sess-" + id, "demo", "demo-hit-01", "A1WORKER" + id.substring(0, 4), "ASSIGN-1",
        "MTURKHIT-1", InterfaceVersion.POINTER_NO_ORIGINAL);
    List<String> images = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      images.add("n01440765/n01440765_" + (100 + i));
    }
    PageScript page = new WorkerScripts(1).page(1, images, System.currentTimeMillis(), 40, 2);
    List<WireFrames.Frame> frames = WireFrames.frames(page, 1, 500);

    URI ingest = URI.create("ws://" + gateway.getHost() + ":" + gateway.getMappedPort(8080) + "/ingest/ws");
    try (IngestClient client = IngestClient.connect(ingest, WireFrames.hello(worker, WORKER_ID_KEY))) {
      frames.forEach(f -> client.send(f.json()));
      assertThat(client.awaitAck(frames.get(frames.size() - 1).lastSeq(), Duration.ofSeconds(60))).isTrue();
      assertThat(client.errors()).isEmpty();
    }

    String pseudonym = new WorkerPseudonyms(WORKER_ID_KEY).pseudonymise(worker.workerId());
    JsonNode stored = await(Duration.ofMinutes(2), () -> pages.read(worker.annotationId(), page.pageNo()));
    List<ImageRecord> expected = ReferenceRecords.of(page, pseudonym);
    JsonNode annotations = stored.get("annotations");
    assertThat(annotations.size()).isEqualTo(48);
    for (int i = 0; i < 48; i++) {
      assertThat(SeedJson.fromTree(annotations.get(i))).as("image %d", i).isEqualTo(expected.get(i));
    }
    assertThat(stored.get("workerID").asString()).isEqualTo(pseudonym);
  }

  private static <T> T await(Duration timeout, java.util.function.Supplier<Optional<T>> probe) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("not stored within " + timeout);
  }
}
