package io.byproduct.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.bench.oracle.ReferenceRecords;
import io.byproduct.bench.script.PageScript;
import io.byproduct.bench.script.Worker;
import io.byproduct.bench.script.WorkerScripts;
import io.byproduct.bench.wire.IngestClient;
import io.byproduct.bench.wire.WireFrames;
import io.byproduct.devstack.LocalStack;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.pages.PageReader;
import io.byproduct.platform.tables.Tables;
import io.byproduct.platform.workers.WorkerPseudonyms;
import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.json.SeedJson;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.topics.Topics;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;

/**
 * The capture pipeline end to end, on the whole local system: a client over a real WebSocket plays
 * pages of 48 images; the pages stored in DynamoDB must equal the per-image records computed
 * independently from the same script.
 */
class CapturePipelineIT {

  @TempDir
  static Path dataDir;

  private static LocalStack stack;
  private static DynamoDbClient dynamo;
  private static PageReader pages;
  private static WorkerPseudonyms pseudonyms;

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.start(dataDir, 0, new PrintStream(PrintStream.nullOutputStream()));
    DynamoProperties props = new DynamoProperties(URI.create(stack.dynamoEndpoint()), "us-east-1", "local", "local",
        Duration.ofSeconds(10), new DynamoProperties.TableNames("ImageNetHIT", "ImageNetAnnotation", "ImageNetAnnotationPage"));
    dynamo = DynamoClients.create(props);
    pages = new PageReader(dynamo, new Tables(props.tables()));
    pseudonyms = new WorkerPseudonyms(Files.readString(stack.dataDir().resolve("worker-id-key")).trim());
  }

  @AfterAll
  static void stop() {
    dynamo.close();
    stack.close();
  }

  private static Worker newWorker() {
    String id = UUID.randomUUID().toString();
    return new Worker(id, "sess-" + id, "demo", "demo-hit-01", "A1WORKER" + id.substring(0, 4), "ASSIGN-1",
        "MTURKHIT-1", InterfaceVersion.POINTER_NO_ORIGINAL);
  }

  private static List<String> images(int page) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      ids.add("n0" + (1440764 + page) + "/n0" + (1440764 + page) + "_" + (100 + i));
    }
    return ids;
  }

  private static URI ingest() {
    return URI.create("ws://localhost:" + stack.port() + "/ingest/ws");
  }

  private static <T> T await(Duration timeout, Supplier<Optional<T>> probe) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("not seen within " + timeout);
  }

  private static void play(IngestClient client, List<WireFrames.Frame> frames) throws InterruptedException {
    frames.forEach(f -> client.send(f.json()));
    long last = frames.get(frames.size() - 1).lastSeq();
    assertThat(client.awaitAck(last, Duration.ofSeconds(30))).as("all events acknowledged").isTrue();
    assertThat(client.errors()).isEmpty();
  }

  private static void assertStoredPageEqualsReference(Worker worker, PageScript script) throws InterruptedException {
    JsonNode stored = await(Duration.ofSeconds(60), () -> pages.read(worker.annotationId(), script.pageNo()));
    List<ImageRecord> expected = ReferenceRecords.of(script, pseudonyms.pseudonymise(worker.workerId()));
    JsonNode annotations = stored.get("annotations");
    assertThat(annotations.size()).isEqualTo(48);
    for (int i = 0; i < 48; i++) {
      assertThat(SeedJson.fromTree(annotations.get(i))).as("image %d of page %d", i, script.pageNo())
          .isEqualTo(expected.get(i));
    }
    assertThat(stored.get("pageno").asInt()).isEqualTo(script.pageNo());
    assertThat(stored.get("workerID").asString()).isEqualTo(pseudonyms.pseudonymise(worker.workerId()))
        .isNotEqualTo(worker.workerId());
  }

  @Test
  void fullPage_overARealWebSocket_isStoredEqualToTheIndependentlyComputedRecords() throws Exception {
    Worker worker = newWorker();
    PageScript page = new WorkerScripts(1).page(1, images(1), System.currentTimeMillis(), 40, 2);
    List<ImageRecord> reference = ReferenceRecords.of(page, "x");
    assertThat(reference.stream().filter(ImageRecord::getSelected).count()).as("the script selects images").isPositive();
    assertThat(reference.stream().filter(r -> r.getSelectedCount() > 0 && !r.getSelected()).count())
        .as("the script de-selects images").isPositive();

    try (IngestClient client = IngestClient.connect(ingest(), WireFrames.hello(worker, stack.workerIdKey()))) {
      play(client, WireFrames.frames(page, 1, 500));
    }

    assertStoredPageEqualsReference(worker, page);
  }

  @Test
  void framesSentTwice_andResentOutOfOrder_leaveTheStoredPagesUnchanged() throws Exception {
    Worker worker = newWorker();
    WorkerScripts scripts = new WorkerScripts(2);
    long start = System.currentTimeMillis();
    PageScript first = scripts.page(1, images(1), start, 25, 2);
    List<WireFrames.Frame> firstFrames = WireFrames.frames(first, 1, 400);
    long next = firstFrames.get(firstFrames.size() - 1).lastSeq() + 1;
    PageScript second = scripts.page(2, images(2), first.actions().get(first.actions().size() - 1).time() + 1000, 25, 2);
    List<WireFrames.Frame> secondFrames = WireFrames.frames(second, next, 400);

    try (IngestClient client = IngestClient.connect(ingest(), WireFrames.hello(worker, stack.workerIdKey()))) {
      List<WireFrames.Frame> beforeSubmit = firstFrames.subList(0, firstFrames.size() - 1);
      play(client, beforeSubmit);
      play(client, beforeSubmit);                              // the same frames again
    }
    try (IngestClient reconnected = IngestClient.connect(ingest(), WireFrames.hello(worker, stack.workerIdKey()))) {
      List<WireFrames.Frame> shuffled = new ArrayList<>(firstFrames);
      Collections.shuffle(shuffled, new java.util.Random(5));  // a resend out of order, submit included
      shuffled.forEach(f -> reconnected.send(f.jsonWithImages()));
      assertThat(reconnected.awaitAck(firstFrames.get(firstFrames.size() - 1).lastSeq(), Duration.ofSeconds(30))).isTrue();
    }
    assertStoredPageEqualsReference(worker, first);

    try (IngestClient client = IngestClient.connect(ingest(), WireFrames.hello(worker, stack.workerIdKey()))) {
      firstFrames.forEach(f -> client.send(f.jsonWithImages()));  // page 1 once more, after it was stored
      play(client, secondFrames);
    }

    assertStoredPageEqualsReference(worker, second);
    assertStoredPageEqualsReference(worker, first);
    Map<String, AttributeValue> annotation = await(Duration.ofSeconds(30), () -> {
      Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName("ImageNetAnnotation").consistentRead(true)
          .key(Map.of("id", AttributeValue.fromS(worker.annotationId())))).item();
      return item != null && item.containsKey("isDone") && item.get("isDone").bool() ? Optional.of(item) : Optional.empty();
    });
    assertThat(annotation.get("pageCount").n()).isEqualTo("2");
    assertThat(annotation.get("hitDatasetName").s()).isEqualTo("demo");
    assertThat(annotation.get("assignmentID").s()).isEqualTo("ASSIGN-1");
  }

  @Test
  void badFrames_areAnsweredAndDeadLettered_whileTheValidFramesOfTheSameConnectionArrive() throws Exception {
    Worker worker = newWorker();
    PageScript page = new WorkerScripts(3).page(1, images(1), System.currentTimeMillis(), 15, 1);
    List<WireFrames.Frame> frames = WireFrames.frames(page, 1, 500);

    try (IngestClient client = IngestClient.connect(ingest(), WireFrames.hello(worker, stack.workerIdKey()))) {
      int middle = frames.size() / 2;
      frames.subList(0, middle).forEach(f -> client.send(f.json()));
      client.send("{\"q\":");                                                        // malformed
      client.send("{\"q\":900000,\"p\":1,\"t0\":" + System.currentTimeMillis() + ",\"e\":[[42,0]]}");  // unknown kind
      client.send("{\"q\":900001,\"p\":1,\"t0\":" + System.currentTimeMillis() + ",\"e\":[[6,0,1]],\"pad\":\""
          + "x".repeat(300 * 1024) + "\"}");                                          // oversized
      frames.subList(middle, frames.size()).forEach(f -> client.send(f.json()));
      assertThat(client.awaitAck(frames.get(frames.size() - 1).lastSeq(), Duration.ofSeconds(30))).isTrue();
      assertThat(client.errors()).extracting(e -> e.get("code").asString())
          .containsExactly("malformed-json", "unknown-kind", "oversized-frame");
    }

    assertStoredPageEqualsReference(worker, page);
    List<String> reasons = new ArrayList<>();
    Topics topics = Topics.defaults();
    try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
        stack.kafkaBootstrapServers(), "group.id", "dl-" + worker.annotationId(), "auto.offset.reset", "earliest"),
        topics.deadLetters.keySerde().deserializer(), topics.deadLetters.valueSerde().deserializer())) {
      consumer.subscribe(List.of(topics.deadLetters.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (reasons.size() < 3 && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
          if (worker.annotationId().equals(r.key()) || r.value().getSource().startsWith("gateway")) {
            reasons.add(r.value().getReason());
          }
        });
      }
    }
    assertThat(reasons).contains("malformed-json", "unknown-kind", "oversized-frame");
  }

  @Test
  void tenMinutePageOf60HzTracking_isStoredAndReadBackIntact() throws Exception {
    Worker worker = newWorker();
    PageScript page = new WorkerScripts(4).page(1, images(1), System.currentTimeMillis() - 700_000, 420, 1);
    assertThat(page.pointerSamples()).isGreaterThan(30_000);

    try (IngestClient client = IngestClient.connect(ingest(), WireFrames.hello(worker, stack.workerIdKey()))) {
      // sent at once, as a client resending ten minutes of backlog: coalesced into 10 s frames
      play(client, WireFrames.frames(page, 1, 10_000));
    }

    assertStoredPageEqualsReference(worker, page);
    Map<String, AttributeValue> head = dynamo.getItem(b -> b.tableName("ImageNetAnnotationPage").consistentRead(true)
        .key(Map.of("imageNetAnnotationID", AttributeValue.fromS(worker.annotationId()),
            "pageKey", AttributeValue.fromS("0001")))).item();
    assertThat(head).doesNotContainKey("annotations");
  }
}
