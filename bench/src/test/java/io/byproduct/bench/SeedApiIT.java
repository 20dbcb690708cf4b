package io.byproduct.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.bench.script.PageScript;
import io.byproduct.bench.script.Worker;
import io.byproduct.bench.script.WorkerScripts;
import io.byproduct.bench.wire.IngestClient;
import io.byproduct.bench.wire.WireFrames;
import io.byproduct.devstack.LocalStack;
import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.pages.PageReader;
import io.byproduct.platform.tables.Tables;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.json.SeedJson;
import io.byproduct.schemas.record.ImageRecord;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The original front end's REST API on the whole local system: a page PUT as the original sends it
 * goes through the same topics and is stored exactly like the same interactions streamed; every
 * write is idempotent; bad requests are answered with the field that is wrong.
 */
class SeedApiIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir
  static Path dataDir;

  private static LocalStack stack;
  private static DynamoDbClient dynamo;
  private static PageReader pages;

  @BeforeAll
  static void start() {
    stack = LocalStack.start(dataDir, 0, new PrintStream(PrintStream.nullOutputStream()));
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

  private static HttpResponse<String> send(String method, String path, String body) throws Exception {
    return SeedRequests.send(stack.baseUrl(), method, path, body);
  }

  private static <T> T await(Supplier<Optional<T>> probe) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("not seen within 60 s");
  }

  private static List<ImageRecord> storedRecords(String annotationId) throws InterruptedException {
    JsonNode page = await(() -> pages.read(annotationId, 1));
    List<ImageRecord> records = new ArrayList<>();
    page.get("annotations").forEach(a -> records.add(SeedJson.fromTree(a)));
    return records;
  }

  private static String createBody(String id, String worker, long startedAt) {
    return "{\"id\":\"" + id + "\",\"annotatorID\":\"\",\"version\":\"POINTER_ORIGINAL\",\"assignmentID\":\"ASSIGN-9\","
        + "\"hitID\":\"MTURK-9\",\"workerID\":\"" + worker + "\",\"startedAt\":" + startedAt + "}";
  }

  @Test
  void pagePut_isStoredExactlyLikeTheSameInteractionsStreamed_andEveryWriteIsIdempotent() throws Exception {
    String worker = "A2SAMEWORKER";
    long start = System.currentTimeMillis() - 120_000;
    PageScript script = new WorkerScripts(11).page(1, images(), start, 30, 1);
    long end = script.actions().get(script.actions().size() - 1).time();

    Worker streamed = new Worker(UUID.randomUUID().toString(), "s-" + UUID.randomUUID(), "demo", "demo-hit-02",
        worker, "ASSIGN-9", "MTURK-9", InterfaceVersion.POINTER_ORIGINAL);
    try (IngestClient client = IngestClient.connect(URI.create("ws://localhost:" + stack.port() + "/ingest/ws"),
        WireFrames.hello(streamed, stack.workerIdKey()))) {
      List<WireFrames.Frame> frames = WireFrames.frames(script, 1, 500);
      frames.forEach(f -> client.send(f.json()));
      assertThat(client.awaitAck(frames.get(frames.size() - 1).lastSeq(), Duration.ofSeconds(30))).isTrue();
    }

    String putId = UUID.randomUUID().toString();
    String body = SeedRequests.putBody(script, start, end, false);
    for (int attempt = 0; attempt < 2; attempt++) {                 // the original re-sends after a failure
      assertThat(send("POST", "/api/imagenet/demo/hits/demo-hit-02/annotations", createBody(putId, worker, start))
          .statusCode()).isEqualTo(200);
      assertThat(send("PUT", "/api/imagenet/demo/annotations/" + putId, body).statusCode()).isEqualTo(200);
    }

    assertThat(withoutWorker(storedRecords(putId))).as("stored = sent").isEqualTo(sentRecords(body));
    assertThat(await(() -> pages.read(putId, 1)).get("source").asString()).isEqualTo("rest");
    assertThat(await(() -> pages.read(streamed.annotationId(), 1)).get("source").asString()).isEqualTo("stream");
    JsonNode search = null;  // read-your-writes: the search right after the 200 counts the page, no waiting
    for (JsonNode a : JSON.readTree(send("GET", "/api/imagenet/demo/hits/demo-hit-02/annotations?workerID=" + worker, null).body())) {
      if (a.has("id") && a.get("id").asString().equals(putId)) {
        search = a;
      }
    }
    assertThat(search).isNotNull();
    assertThat(search.get("pageCount").asInt()).isEqualTo(1);
    assertThat(search.get("version").asString()).isEqualTo("POINTER_ORIGINAL");
    assertThat(search.toString()).as("no assignment, MTurk HIT id or pseudonym in the search")
        .doesNotContain("ASSIGN-9").doesNotContain("MTURK-9").doesNotContain("workerID");
  }

  /** Attack, end to end: page 1 PUT with isDone: true, then the survey code with the assignment's own capability. */
  @Test
  void isDoneOnPage1_isRefused_andTheOwnerGetsNoCodeBeforeEveryPageIsStored() throws Exception {
    String worker = "A2EARLYDONE";
    long start = System.currentTimeMillis() - 120_000;
    PageScript script = new WorkerScripts(12).page(1, images(), start, 10, 1);
    long end = script.actions().get(script.actions().size() - 1).time();
    String id = UUID.randomUUID().toString();
    assertThat(send("POST", "/api/imagenet/demo/hits/demo-hit-01/annotations", createBody(id, worker, start)).statusCode())
        .isEqualTo(200);

    HttpResponse<String> early = send("PUT", "/api/imagenet/demo/annotations/" + id, SeedRequests.putBody(script, start, end, true));
    assertThat(early.statusCode()).isEqualTo(409);
    assertThat(early.body()).contains("isDone: page 1 is not the HIT's last page");
    assertThat(send("PUT", "/api/imagenet/demo/annotations/" + id, SeedRequests.putBody(script, start, end, false)).statusCode())
        .isEqualTo(200);
    storedRecords(id);

    HttpResponse<String> bound = send("POST", "/api/imagenet/demo/hits/demo-hit-01/assignment",
        "{\"workerId\":\"" + worker + "\",\"assignmentId\":\"ASSIGN-9\",\"hitId\":\"MTURK-9\"}");
    JsonNode assignment = JSON.readTree(bound.body());
    assertThat(assignment.get("annotationId").asString()).isEqualTo(id);
    assertThat(assignment.get("pageCount").asInt()).isEqualTo(1);
    assertThat(assignment.get("isDone").asBoolean()).isFalse();
    HttpResponse<String> code = SeedRequests.send(stack.baseUrl(), "GET", "/api/imagenet/demo/hits/demo-hit-01/survey-code"
        + "?annotationID=" + id + "&workerID=" + worker, null, assignment.get("capability").asString());
    assertThat(code.statusCode()).isEqualTo(409);
    assertThat(code.body()).contains("1 of its 3 pages are stored");
  }

  /**
   * The original front end, unchanged, did one whole 10-page HIT against the devstack
   * ({@code seed/recorded-hit.json}, recorded from Chromium): the compatibility mode accepts every
   * request of it again, in order, with the answers it got, and each stored page is its PUT body
   * field for field (apart from {@code worker_id}, the pseudonym), readable at once after the 200.
   */
  @Test
  void recordedHitOfTheOriginalFrontEnd_isStoredExactlyAsSent() throws Exception {
    JsonNode recording = JSON.readTree(SeedApiIT.class.getResourceAsStream("/seed/recorded-hit.json"));
    String annotationId = null;
    int lastPage = 0;
    HitDefinition hit = new HitDefinition("oracle", "oracle-hit-0001");
    for (JsonNode request : recording.get("requests")) {
      JsonNode page = request.path("body").path("page");
      if (page.isObject()) {
        hit.page(page.get("pageno").asInt(), page.get("annotations"));
        lastPage = Math.max(lastPage, page.get("pageno").asInt());
      }
    }
    new HitStore(dynamo, new Tables(new DynamoProperties.TableNames("ImageNetHIT", "ImageNetAnnotation",
        "ImageNetAnnotationPage"))).put(hit.json());

    for (JsonNode request : recording.get("requests")) {
      StringBuilder path = new StringBuilder(request.get("path").asString());
      request.path("query").properties().forEach(q -> path.append(path.indexOf("?") < 0 ? "?" : "&")
          .append(q.getKey()).append("=").append(q.getValue().asString()));
      JsonNode body = request.get("body");
      HttpResponse<String> answer = send(request.get("method").asString(), path.toString(),
          body == null || body.isNull() ? null : JSON.writeValueAsString(body));
      assertThat(answer.statusCode()).as(request.get("method").asString() + " " + path + ": " + answer.body())
          .isEqualTo(request.get("status").asInt());
      if (request.get("method").asString().equals("POST")) {
        annotationId = body.get("id").asString();
      }
    }
    for (JsonNode request : recording.get("requests")) {
      JsonNode sent = request.path("body").path("page");
      if (!sent.isObject()) {
        continue;
      }
      JsonNode stored = pages.read(annotationId, sent.get("pageno").asInt()).orElseThrow();  // stored before the 200
      assertThat(stored.get("id").asString()).isEqualTo(sent.get("id").asString());
      assertThat(stored.get("startedAt").asLong()).isEqualTo(sent.get("startedAt").asLong());
      assertThat(stored.get("endedAt").asLong()).isEqualTo(sent.get("endedAt").asLong());
      assertThat(stored.get("source").asString()).isEqualTo("rest");
      assertThat(stored.get("annotations").size()).isEqualTo(48);
      List<ImageRecord> kept = new ArrayList<>();
      stored.get("annotations").forEach(a -> kept.add(SeedJson.fromTree(a)));
      assertThat(kept).allSatisfy(r -> assertThat(r.getWorkerId()).isNotNull().isNotEqualTo("WORKERX71"));
      assertThat(withoutWorker(kept)).as("page " + sent.get("pageno") + ": stored = sent, field for field")
          .isEqualTo(sentRecords(JSON.writeValueAsString(request.get("body"))));
    }
    assertThat(lastPage).isEqualTo(10);
  }

  /**
   * The tab is reloaded after page k (the resume bug): the original's first read, the search,
   * must say {@code pageCount: k} at once after the PUT of page k was answered 200, so it resumes at k + 1.
   */
  @Test
  void reloadAfterPageK_theNextSearchSaysPageCountK() throws Exception {
    JsonNode recording = JSON.readTree(SeedApiIT.class.getResourceAsStream("/seed/recorded-hit.json"));
    HitDefinition hit = new HitDefinition("reload", "reload-hit-1");
    List<JsonNode> puts = new ArrayList<>();
    for (JsonNode request : recording.get("requests")) {
      JsonNode page = request.path("body").path("page");
      if (page.isObject()) {
        hit.page(page.get("pageno").asInt(), page.get("annotations"));
        puts.add(request.get("body"));
      }
    }
    new HitStore(dynamo, new Tables(new DynamoProperties.TableNames("ImageNetHIT", "ImageNetAnnotation",
        "ImageNetAnnotationPage"))).put(hit.json());
    String id = UUID.randomUUID().toString();
    String search = "/api/imagenet/reload/hits/reload-hit-1/annotations?workerID=A2RELOADER";
    assertThat(send("POST", "/api/imagenet/reload/hits/reload-hit-1/annotations",
        createBody(id, "A2RELOADER", puts.get(0).get("page").get("startedAt").asLong())).statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(send("GET", search, null).body()).get(0).get("pageCount").asInt()).isEqualTo(0);
    for (int k = 1; k <= 4; k++) {
      HttpResponse<String> put = send("PUT", "/api/imagenet/reload/annotations/" + id, JSON.writeValueAsString(puts.get(k - 1)));
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      JsonNode found = JSON.readTree(send("GET", search, null).body());   // the reload's read, with no pause
      assertThat(found).hasSize(1);
      assertThat(found.get(0).get("id").asString()).isEqualTo(id);
      assertThat(found.get(0).get("pageCount").asInt()).as("after page " + k).isEqualTo(k);
      assertThat(found.get(0).get("isDone").asBoolean()).isFalse();
    }
    // page 4 shown again after all (an old tab): the same page with other content is refused, never lost in silence
    String other = JSON.writeValueAsString(puts.get(3)).replace("\"estimateTime\":0", "\"estimateTime\":1");
    assertThat(other).isNotEqualTo(JSON.writeValueAsString(puts.get(3)));
    HttpResponse<String> again = send("PUT", "/api/imagenet/reload/annotations/" + id, other);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("is stored with other content");
    assertThat(send("PUT", "/api/imagenet/reload/annotations/" + id, JSON.writeValueAsString(puts.get(3))).statusCode())
        .as("the same page again is a resend").isEqualTo(200);
  }

  /** The per-image records of a PUT body as sent. */
  private static List<ImageRecord> sentRecords(String putBody) {
    List<ImageRecord> records = new ArrayList<>();
    JSON.readTree(putBody).get("page").get("annotations").forEach(a -> records.add(SeedJson.fromTree(a)));
    return records;
  }

  /** The records without their worker_id (the stored one is the pseudonym, the browser sends none). */
  private static List<ImageRecord> withoutWorker(List<ImageRecord> records) {
    records.forEach(r -> r.setWorkerId(null));
    return records;
  }

  @Test
  void badRequests_nameTheField_andUnknownIdsAre404() throws Exception {
    String id = UUID.randomUUID().toString();
    long t = System.currentTimeMillis() - 60_000;
    HttpResponse<String> noWorker = send("POST", "/api/imagenet/demo/hits/demo-hit-01/annotations",
        "{\"id\":\"" + id + "\",\"version\":\"POINTER_ORIGINAL\",\"startedAt\":1}");
    assertThat(noWorker.statusCode()).isEqualTo(400);
    assertThat(noWorker.body()).contains("workerID");

    assertThat(send("POST", "/api/imagenet/demo/hits/no-such-hit/annotations", createBody(id, "W", t)).statusCode())
        .isEqualTo(404);
    assertThat(send("PUT", "/api/imagenet/demo/annotations/" + id, "{\"page\":{}}").statusCode()).isEqualTo(400);
    HttpResponse<String> unknown = send("PUT", "/api/imagenet/demo/annotations/" + id,
        "{\"page\":{\"id\":\"p\",\"pageno\":1,\"startedAt\":" + t + ",\"endedAt\":" + (t + 1) + ",\"annotations\":[]},\"isDone\":false}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("create it first");

    assertThat(send("POST", "/api/imagenet/demo/hits/demo-hit-01/annotations", createBody(id, "W", t)).statusCode())
        .isEqualTo(200);
    HttpResponse<String> badRecord = send("PUT", "/api/imagenet/demo/annotations/" + id,
        "{\"page\":{\"id\":\"p\",\"pageno\":1,\"startedAt\":" + t + ",\"endedAt\":" + (t + 1) + ",\"annotations\":[{\"imageID\":\"x\"}]}}");
    assertThat(badRecord.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badRecord.body()).get("error").asString()).startsWith("page.annotations[0].");
    assertThat(send("PUT", "/api/imagenet/demo/annotations/" + id, "not json").statusCode()).isEqualTo(400);
  }

  /** A HIT made of the pages and images the recorded PUTs show. */
  private static final class HitDefinition {
    private final ObjectNode hit = JSON.createObjectNode();
    private final java.util.TreeMap<Integer, JsonNode> pages = new java.util.TreeMap<>();

    HitDefinition(String dataset, String id) {
      hit.put("hitDatasetName", dataset).put("id", id).put("isUnique", false);
    }

    void page(int pageNo, JsonNode records) {
      pages.put(pageNo, records);
    }

    String json() {
      var array = hit.putArray("pages");
      pages.forEach((no, records) -> {
        ObjectNode page = array.addObject().put("pageno", no);
        page.putObject("class").put("id", "oracle-class-" + no).put("wnid", "n0000000" + no);
        var images = page.putArray("images");
        records.forEach(r -> images.addObject().put("id", r.get("imageID").asString()).put("url", "/images/x.svg"));
      });
      return JSON.writeValueAsString(hit);
    }
  }

  private static List<String> images() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      ids.add("n02000000/n02000000_" + i);
    }
    return ids;
  }
}
