package io.byproduct.bench.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.analytics.Analytics;
import io.byproduct.analytics.kafka.KafkaOptions;
import io.byproduct.analytics.replay.ReplayTopics;
import io.byproduct.bench.script.PageScript;
import io.byproduct.bench.script.Worker;
import io.byproduct.bench.script.WorkerScripts;
import io.byproduct.bench.wire.IngestClient;
import io.byproduct.bench.wire.WireFrames;
import io.byproduct.devstack.LocalStack;
import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.pages.PageItems;
import io.byproduct.platform.pages.PageReader;
import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.topics.Topics;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replay is deterministic: a scripted study played through the whole system (real WebSockets, the
 * stream processor, the page assembler, DynamoDB), then its {@code interactions} replayed with
 * {@code analytics replay} into new topics, gives exactly the pages stored in DynamoDB - submitted
 * pages, a page sent twice and out of order, and a page abandoned by the live processor.
 */
class ReplayEqualityIT {

  private static final String ABANDON_AFTER = "byproduct.stream-processor.abandon-after";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir
  static Path dataDir;

  private static LocalStack stack;
  private static DynamoDbClient dynamo;
  private static PageReader pages;

  @BeforeAll
  static void start() {
    // the live processor abandons idle pages after 15 s here (30 min by default), so that one of the study's is
    System.setProperty(ABANDON_AFTER, "15s");
    try {
      stack = LocalStack.start(dataDir, 0, new PrintStream(PrintStream.nullOutputStream()));
    } finally {
      System.clearProperty(ABANDON_AFTER);
    }
    DynamoProperties props = new DynamoProperties(URI.create(stack.dynamoEndpoint()), "us-east-1", "local", "local",
        Duration.ofSeconds(10), new DynamoProperties.TableNames("ImageNetHIT", "ImageNetAnnotation", "ImageNetAnnotationPage"));
    dynamo = DynamoClients.create(props);
    pages = new PageReader(dynamo, new Tables(props.tables()));
  }

  @AfterAll
  static void stop() {
    dynamo.close();
    stack.close();
  }

  private static Worker worker(String name) {
    String id = UUID.randomUUID().toString();
    return new Worker(id, "sess-" + id, "demo", "demo-hit-01", "A1" + name, "ASSIGN-" + name, "MTURKHIT-1",
        InterfaceVersion.POINTER_NO_ORIGINAL);
  }

  private static List<String> images(int page) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      ids.add("n0" + (1440764 + page) + "/n0" + (1440764 + page) + "_" + (100 + i));
    }
    return ids;
  }

  private static void play(Worker worker, List<WireFrames.Frame> frames) throws InterruptedException {
    try (IngestClient client = IngestClient.connect(URI.create("ws://localhost:" + stack.port() + "/ingest/ws"),
        WireFrames.hello(worker, stack.workerIdKey()))) {
      frames.forEach(f -> client.send(f.jsonWithImages()));
      assertThat(client.awaitAck(frames.stream().mapToLong(WireFrames.Frame::lastSeq).max().orElseThrow(),
          Duration.ofSeconds(30))).isTrue();
      assertThat(client.errors()).isEmpty();
    }
  }

  /** A worker whose annotation id (the record key) lands on the same partition of {@code interactions} as {@code annotationId}. */
  private static Worker workerOnThePartitionOf(String annotationId) throws Exception {
    int partitions;
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
      String interactions = Topics.defaults().interactions.name();
      partitions = admin.describeTopics(List.of(interactions)).allTopicNames().get().get(interactions).partitions().size();
    }
    int target = partitionOf(annotationId, partitions);
    while (true) {
      Worker candidate = worker("TICKER");
      if (partitionOf(candidate.annotationId(), partitions) == target) {
        return candidate;
      }
    }
  }

  private static int partitionOf(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** One HIT-started event of the worker (no page): it only moves its partition's stream time. */
  private static void tick(Worker worker) throws InterruptedException {
    long now = System.currentTimeMillis();
    try (IngestClient client = IngestClient.connect(URI.create("ws://localhost:" + stack.port() + "/ingest/ws"),
        WireFrames.hello(worker, stack.workerIdKey()))) {
      client.send("{\"q\":1,\"p\":1,\"t0\":" + now + ",\"img\":[\"" + images(1).get(0) + "\"],\"e\":[[9,0," + now + ",\"\"]]}");
      assertThat(client.awaitAck(1, Duration.ofSeconds(30))).isTrue();
      assertThat(client.errors()).isEmpty();
    }
  }

  private static JsonNode stored(String annotation, int pageNo) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<JsonNode> page = pages.read(annotation, pageNo);
      if (page.isPresent()) {
        return page.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("page " + pageNo + " of " + annotation + " was not stored");
  }

  /**
   * The document with every number as its exact decimal value: DynamoDB keeps numbers as decimal
   * strings, so a stored {@code 1.0} reads back as {@code 1}; the value, not the spelling, must be equal.
   */
  private static JsonNode normalised(JsonNode node) {
    if (node.isNumber()) {
      return JSON.getNodeFactory().numberNode(new java.math.BigDecimal(node.asString()).stripTrailingZeros());
    }
    if (node.isArray()) {
      var array = JSON.createArrayNode();
      node.forEach(item -> array.add(normalised(item)));
      return array;
    }
    if (node.isObject()) {
      var object = JSON.createObjectNode();
      node.properties().forEach(e -> object.set(e.getKey(), normalised(e.getValue())));
      return object;
    }
    return node;
  }

  @Test
  void replayingTheStudysInteractions_reproducesItsStoredPagesExactly() throws Exception {
    long start = System.currentTimeMillis() - 60_000;
    WorkerScripts scripts = new WorkerScripts(7);

    Worker finisher = worker("FINISHER");
    PageScript f1 = scripts.page(1, images(1), start, 30, 2);
    List<WireFrames.Frame> f1Frames = WireFrames.frames(f1, 1, 500);
    PageScript f2 = scripts.page(2, images(2), f1.actions().get(f1.actions().size() - 1).time() + 1000, 30, 2);
    play(finisher, f1Frames);
    play(finisher, WireFrames.frames(f2, f1Frames.get(f1Frames.size() - 1).lastSeq() + 1, 500));

    Worker resender = worker("RESENDER");
    PageScript r1 = scripts.page(1, images(1), start, 25, 1);
    List<WireFrames.Frame> r1Frames = WireFrames.frames(r1, 1, 400);
    play(resender, r1Frames.subList(0, r1Frames.size() / 2));
    List<WireFrames.Frame> shuffled = new ArrayList<>(r1Frames);
    java.util.Collections.shuffle(shuffled, new java.util.Random(3));
    play(resender, shuffled);                                             // everything again, out of order

    Worker leaver = worker("LEAVER");
    PageScript l1 = scripts.page(1, images(1), start, 20, 3);
    List<WireFrames.Frame> l1Frames = WireFrames.frames(l1, 1, 500);
    PageScript l2 = scripts.page(2, images(2), l1.actions().get(l1.actions().size() - 1).time() + 1000, 20, 3);
    List<WireFrames.Frame> l2Frames = WireFrames.frames(l2, l1Frames.get(l1Frames.size() - 1).lastSeq() + 1, 500);
    play(leaver, l1Frames);
    List<WireFrames.Frame> withoutSubmit = l2Frames.subList(0, l2Frames.size() - 1);
    assertThat(l2Frames.get(l2Frames.size() - 1).json()).contains("[8,");
    assertThat(withoutSubmit).noneMatch(f -> f.json().contains("[8,"));
    play(leaver, withoutSubmit);                                          // page 2 left open: abandoned after 15 s
    // pages are abandoned on stream time (issue 20): once 15 s have passed, one event on the leaver's
    // partition (a HIT start of another worker: no page) moves that partition's stream time past them
    Thread.sleep(16_000);
    tick(workerOnThePartitionOf(leaver.annotationId()));

    Map<String, JsonNode> storedPages = new TreeMap<>();
    for (var key : List.of(Map.entry(finisher, 1), Map.entry(finisher, 2), Map.entry(resender, 1),
        Map.entry(leaver, 1), Map.entry(leaver, 2))) {
      storedPages.put(key.getKey().annotationId() + "/" + key.getValue(),
          stored(key.getKey().annotationId(), key.getValue()));
    }
    assertThat(storedPages.get(leaver.annotationId() + "/2").get("status").asString()).isEqualTo("ABANDONED");

    StringWriter out = new StringWriter();
    CommandLine cli = Analytics.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    int code = cli.execute("replay", "--bootstrap-servers", stack.kafkaBootstrapServers(), "--to-topic-prefix", "replay.");
    assertThat(code).as(out.toString()).isZero();
    assertThat(out.toString()).contains("1 pages were still open at the end of the range: emitting them ABANDONED");

    Map<String, JsonNode> replayed = new TreeMap<>();
    ReplayTopics.forEachPage(new KafkaOptions(stack.kafkaBootstrapServers(), ""), Topics.withPrefix("replay."), page -> {
      List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items = PageItems.itemsOf(page);
      JsonNode asStored = PageItems.toSeedJson(items.get(items.size() - 1), items.subList(0, items.size() - 1));
      assertThat(replayed.put(page.getAnnotationId() + "/" + page.getPageNo(), asStored)).as("each page once").isNull();
    });

    assertThat(replayed.keySet()).isEqualTo(storedPages.keySet());
    for (String key : storedPages.keySet()) {
      assertThat(normalised(replayed.get(key))).as("page %s", key).isEqualTo(normalised(storedPages.get(key)));
    }
    assertThat(storedPages.values()).extracting(p -> p.get("annotations").size()).containsOnly(48);
  }
}
