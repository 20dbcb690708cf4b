package io.byproduct.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.bench.script.PageScript;
import io.byproduct.bench.script.WorkerScripts;
import io.byproduct.devstack.LocalStack;
import io.byproduct.schemas.topics.Topics;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seed's catalog API and sandbox mode on the whole local system: {@code GET /api/classes} and
 * {@code /api/classes/{id}/images} count every stored annotation once per interface version — a
 * HIT page PUT twice and a sandbox submit POSTed twice each count once — and bad sandbox submits
 * are answered with the field that is wrong.
 */
class CatalogApiIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir
  static Path dataDir;

  private static LocalStack stack;
  private static Admin admin;

  @BeforeAll
  static void start() {
    stack = LocalStack.start(dataDir, 0, new PrintStream(PrintStream.nullOutputStream()));
    admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()));
  }

  @AfterAll
  static void stop() {
    admin.close();
    stack.close();
  }

  @Test
  void classesAndImages_countEachStoredHitPageAndSandboxSubmitOnce_perVersion() throws Exception {
    JsonNode hit = JSON.readTree(get("/api/imagenet/demo/hits/demo-hit-01").body());
    JsonNode firstPage = hit.get("pages").get(0);
    String classId = firstPage.get("class").get("id").asString();
    List<String> pageImages = new ArrayList<>();
    firstPage.get("images").forEach(i -> pageImages.add(i.get("id").asString()));

    JsonNode classes = JSON.readTree(get("/api/classes").body());
    assertThat(classes.size()).isGreaterThanOrEqualTo(2);
    JsonNode before = byId(classes, classId);
    assertThat(before.get("synset").size()).isPositive();
    assertThat(fieldNames(before.get("annotationCount")))
        .containsExactly("POINTER_ORIGINAL", "NO_POINTER_ORIGINAL", "POINTER_NO_ORIGINAL", "NO_POINTER_NO_ORIGINAL");
    JsonNode classImages = JSON.readTree(get("/api/classes/" + classId + "/images").body());
    Set<String> ofClass = ids(classImages);
    assertThat(classImages).allSatisfy(i -> assertThat(i.get("classID").asString()).isEqualTo(classId));
    // the HIT's page shows candidates of its class (and controls, some of another class)
    assertThat(pageImages.stream().filter(ofClass::contains).count()).isGreaterThan(pageImages.size() / 2);

    // a whole HIT page through the seed's API, sent twice as the original does after a failure
    String annotationId = UUID.randomUUID().toString();
    long start = System.currentTimeMillis() - 60_000;
    PageScript script = new WorkerScripts(5).page(1, pageImages, start, 12, 3);
    long end = script.actions().get(script.actions().size() - 1).time();
    for (int attempt = 0; attempt < 2; attempt++) {
      assertThat(send("POST", "/api/imagenet/demo/hits/demo-hit-01/annotations", createBody(annotationId, start))
          .statusCode()).isEqualTo(200);
      assertThat(send("PUT", "/api/imagenet/demo/annotations/" + annotationId, SeedRequests.putBody(script, start, end, false))
          .statusCode()).isEqualTo(200);
    }

    // a sandbox submit of three images of the class, POSTed twice
    List<String> sandboxImages = classImages.valueStream().limit(3).map(i -> i.get("id").asString()).toList();
    String sandbox = sandboxBody(sandboxImages, "NO_POINTER_ORIGINAL");
    HttpResponse<String> first = send("POST", "/api/annotations", sandbox);
    HttpResponse<String> second = send("POST", "/api/annotations", sandbox);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(JSON.readTree(second.body()).get("id")).isEqualTo(JSON.readTree(first.body()).get("id"));
    assertThat(JSON.readTree(first.body()).get("classID").asString()).isEqualTo(classId);

    awaitAssemblerCaughtUp();

    JsonNode after = byId(JSON.readTree(get("/api/classes").body()), classId);
    assertThat(count(after, "POINTER_NO_ORIGINAL") - count(before, "POINTER_NO_ORIGINAL")).as("the HIT page, once").isEqualTo(1);
    assertThat(count(after, "NO_POINTER_ORIGINAL") - count(before, "NO_POINTER_ORIGINAL")).as("the sandbox submit, once").isEqualTo(1);
    Map<String, JsonNode> imagesBefore = byIds(classImages);
    Map<String, JsonNode> imagesAfter = byIds(JSON.readTree(get("/api/classes/" + classId + "/images").body()));
    for (String id : pageImages) {
      if (ofClass.contains(id)) {
        assertThat(count(imagesAfter.get(id), "POINTER_NO_ORIGINAL") - count(imagesBefore.get(id), "POINTER_NO_ORIGINAL"))
            .as("image %s of the page", id).isEqualTo(1);
      }
    }
    for (String id : sandboxImages) {
      assertThat(count(imagesAfter.get(id), "NO_POINTER_ORIGINAL") - count(imagesBefore.get(id), "NO_POINTER_ORIGINAL"))
          .as("image %s of the sandbox submit", id).isEqualTo(1);
    }
  }

  @Test
  void badSandboxSubmits_nameTheField_andUnknownIdsAre404() throws Exception {
    JsonNode classes = JSON.readTree(get("/api/classes").body());
    String classA = classes.get(0).get("id").asString();
    String classB = classes.get(1).get("id").asString();
    String imageA = JSON.readTree(get("/api/classes/" + classA + "/images").body()).get(0).get("id").asString();
    String imageB = JSON.readTree(get("/api/classes/" + classB + "/images").body()).get(0).get("id").asString();

    assertThat(get("/api/classes/no-such-class/images").statusCode()).isEqualTo(404);
    assertError(send("POST", "/api/annotations", sandboxBody(List.of(imageA, "no/such-image"), "POINTER_ORIGINAL")),
        404, "annotations[1].imageID");
    assertError(send("POST", "/api/annotations", sandboxBody(List.of(imageA, imageB), "POINTER_ORIGINAL")),
        400, "annotations[1].imageID");
    assertError(send("POST", "/api/annotations", sandboxBody(List.of(imageA), "RANDOM")), 400, "annotations[0].version");
    assertError(send("POST", "/api/annotations", "{\"annotations\":[]}"), 400, "annotations");
    assertError(send("POST", "/api/annotations", "{\"annotations\":[{\"imageID\":\"" + imageA
        + "\",\"version\":\"POINTER_ORIGINAL\",\"selected\":\"yes\"}]}"), 400, "annotations[0].selected");
    assertError(send("POST", "/api/annotations", "[1,2"), 400, "body");
  }

  private static void assertError(HttpResponse<String> response, int status, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(JSON.readTree(response.body()).get("error").asString()).startsWith(field);
  }

  /**
   * Waits until the page assembler has committed past the last record of each partition of its
   * topics: then everything is written and counted. (Transactional topics end in commit markers, so
   * the last record, not the end offset, is what it commits past.)
   */
  private static void awaitAssemblerCaughtUp() throws Exception {
    Topics topics = Topics.defaults();
    List<String> names = List.of(topics.pages.name(), topics.sandbox.name(), topics.annotations.name());
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    Map<TopicPartition, Long> lastRecords = Map.of();
    while (System.nanoTime() < deadline) {
      lastRecords = afterLastRecords(names);
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets("page-assembler").partitionsToOffsetAndMetadata().get();
      boolean caughtUp = lastRecords.entrySet().stream()
          .allMatch(e -> committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
      boolean pageSeen = lastRecords.keySet().stream().anyMatch(p -> p.topic().equals(topics.pages.name()));
      if (caughtUp && pageSeen) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the page assembler did not catch up within 90 s: " + lastRecords);
  }

  /** For each partition holding committed records: the offset after its last one. */
  private static Map<TopicPartition, Long> afterLastRecords(List<String> names) {
    Map<TopicPartition, Long> last = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        "bootstrap.servers", stack.kafkaBootstrapServers(), "isolation.level", "read_committed"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      names.forEach(name -> consumer.partitionsFor(name).forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        consumer.poll(Duration.ofMillis(200))
            .forEach(r -> last.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1));
      }
    }
    return last;
  }

  private static String createBody(String id, long startedAt) {
    return "{\"id\":\"" + id + "\",\"annotatorID\":\"\",\"version\":\"POINTER_NO_ORIGINAL\",\"assignmentID\":\"AS-1\","
        + "\"hitID\":\"MT-1\",\"workerID\":\"CATALOG_WORKER\",\"startedAt\":" + startedAt + "}";
  }

  /** What the original's sandbox mode sends: one record per image, no times. */
  private static String sandboxBody(List<String> imageIds, String version) {
    ArrayNode annotations = JSON.createArrayNode();
    for (int i = 0; i < imageIds.size(); i++) {
      ObjectNode record = annotations.addObject();
      record.put("selectedCount", i % 2);
      record.put("hoveredCount", 2);
      record.put("selected", i % 2 == 1);
      if (i % 2 == 1) {
        record.putObject("mousePoint").put("x", 0.25).put("y", 0.5);
      }
      record.putObject("imagePosition").put("x", 10 + 350 * (i % 3)).put("y", 200.5);
      record.put("imageWidth", 340).put("imageHeight", 255).put("originalImageWidth", 500).put("originalImageHeight", 375);
      record.put("estimateTime", 812);
      ArrayNode tracking = record.putArray("mouseTracking");
      tracking.addObject().put("x", 0.1).put("y", 0.2);
      tracking.addObject().put("x", 0.3).put("y", 0.25);
      record.put("annotatorID", "").put("workerID", "SANDBOX_WORKER").put("assignmentID", "").put("hitID", "");
      record.put("imageID", imageIds.get(i)).put("version", version);
    }
    ObjectNode body = JSON.createObjectNode();
    body.set("annotations", annotations);
    return JSON.writeValueAsString(body);
  }

  private static long count(JsonNode item, String version) {
    return item.get("annotationCount").get(version).asLong();
  }

  private static JsonNode byId(JsonNode array, String id) {
    return byIds(array).get(id);
  }

  private static Map<String, JsonNode> byIds(JsonNode array) {
    Map<String, JsonNode> map = new HashMap<>();
    array.forEach(n -> map.put(n.get("id").asString(), n));
    return map;
  }

  private static Set<String> ids(JsonNode array) {
    return byIds(array).keySet();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.propertyNames().forEach(names::add);
    return names;
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null);
  }

  private static HttpResponse<String> send(String method, String path, String body) throws Exception {
    return SeedRequests.send(stack.baseUrl(), method, path, body);
  }
}
