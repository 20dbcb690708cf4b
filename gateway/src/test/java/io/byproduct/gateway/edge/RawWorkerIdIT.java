package io.byproduct.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.gateway.GatewayApplication;
import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.workers.AssignmentBinding;
import io.byproduct.platform.workers.WorkerPseudonyms;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A marker worker id sent through every path of the gateway — WebSocket hellos good and bad (escaped
 * keys, unquoted values, cut off), HTTP batches, the seed API, the review endpoint, a 500 from an
 * over-long dataset name — must appear nowhere: not in the logs, not in any Kafka topic (dead
 * letters included), not in any DynamoDB table. Gateway, broker and dynalite; the stream processor
 * and assembler are not started (their own tests cover what they write from the pseudonymised
 * topics).
 */
@ExtendWith(OutputCaptureExtension.class)
class RawWorkerIdIT {

  private static final String MARKER = "A1MARKERWORKER7Q";
  private static final String KEY = "raw-id-it-worker-id-key-0123456789";
  private static final String REVIEW_TOKEN = "raw-id-it-review-token-0123456789";

  private static LocalKafka kafka;
  private static LocalDynamo dynamo;
  private static ConfigurableApplicationContext gateway;
  private static int port;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    kafka = LocalKafka.start();
    dynamo = LocalDynamo.start();
    gateway = GatewayApplication.builder().run(
        "--server.port=0",
        "--byproduct.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--byproduct.dynamo.endpoint=" + dynamo.endpoint(),
        "--byproduct.provisioning.create-missing=true",
        "--byproduct.gateway.worker-id-key=" + KEY,
        "--byproduct.gateway.survey-code-key=raw-id-it-survey-code-key-0123456789",
        // the original front end's API too (compatibility mode): its paths carry the worker id in queries and bodies
        "--byproduct.gateway.seed-api.enabled=true",
        "--byproduct.gateway.seed-api.store-wait=1s",  // no page assembler here: a create answers 503 after it
        "--byproduct.gateway.review.token=" + REVIEW_TOKEN);
    port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
    gateway.getBean(HitStore.class).put("{\"hitDatasetName\":\"study\",\"id\":\"hit-1\",\"isUnique\":true,\"pages\":[]}");
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    dynamo.close();
    kafka.close();
  }

  @Test
  void aMarkerWorkerId_sentThroughEveryPath_isInNoLogTopicOrTable(CapturedOutput output) throws Exception {
    long t0 = System.currentTimeMillis();
    String frame = "{\"q\":1,\"p\":1,\"t0\":" + t0 + ",\"img\":[\"n0/a\"],\"e\":[[2,0,0,10,10]]}";

    // WebSocket: a good hello, then hellos the old text scrubber let through into dead letters
    try (RawWebSocket good = RawWebSocket.open(port, "/ingest/ws")) {
      good.sendText(hello("\"w\":\"" + MARKER + "\"")).sendText(frame);
      awaitText(good, "{\"ack\":1}");
    }
    try (RawWebSocket escapedKey = RawWebSocket.open(port, "/ingest/ws")) {
      escapedKey.sendText(hello("\"\\u0077\":\"" + MARKER + "\"")).sendText(frame);
      awaitText(escapedKey, "{\"ack\":1}");
    }
    List<String> badHellos = List.of(
        hello("\"\\u0077\":\"" + MARKER + "\"").replace("\"v\":1", "\"v\":2"),
        hello("\"w\":" + MARKER),
        hello("\"w\":\"" + MARKER + "\"").substring(0, 60),
        "{\"hello\":{\"v\":1,\"w\":\"" + MARKER.substring(0, 9) + "\\u004f" + MARKER.substring(10) + "\",\"v\":2}}",
        "{hello:{w:'" + MARKER + "'}}");
    for (String bad : badHellos) {
      try (RawWebSocket socket = RawWebSocket.open(port, "/ingest/ws")) {
        socket.sendText(bad);
        awaitText(socket, "{\"error\":");
      }
    }

    // HTTP batches: good, bad hello, not JSON, and a beacon
    String goodBatch = "{\"hello\":" + helloBody("\"w\":\"" + MARKER + "\"") + ",\"frames\":[" + frame + "]}";
    assertThat(post("/ingest/frames", "application/json", goodBatch).statusCode()).isEqualTo(200);
    assertThat(post("/ingest/frames", "application/json",
        "{\"hello\":" + helloBody("\"\\u0077\":\"" + MARKER + "\"").replace("\"v\":1", "\"v\":2") + ",\"frames\":[]}").statusCode())
        .isEqualTo(400);
    assertThat(post("/ingest/frames", "application/json", "{\"hello\":{\"w\":" + MARKER + "}}").statusCode()).isEqualTo(400);
    post("/ingest/beacon", "text/plain", "{\"hello\":{\"\\u0077\":\"" + MARKER + "\",\"v\":9},\"frames\":[]}");

    // the seed API and the review endpoint, with the marker in query strings and bodies
    String annotation = UUID.randomUUID().toString();
    post("/api/imagenet/study/hits/hit-1/annotations", "application/json", "{\"id\":\"" + annotation + "\",\"workerID\":\""
        + MARKER + "\",\"assignmentID\":\"asg\",\"hitID\":\"mt\",\"version\":\"POINTER_ORIGINAL\",\"startedAt\":" + t0 + "}");
    put("/api/imagenet/study/annotations/" + annotation, "{\"page\":{\"id\":\"p1\",\"pageno\":1,\"startedAt\":" + t0
        + ",\"endedAt\":" + (t0 + 1) + ",\"annotations\":[{\"imageID\":\"x\",\"worker_id\":\"" + MARKER + "\"}]},\"isDone\":false}");
    post("/api/imagenet/study/hits/hit-1/annotations", "application/json", "{\"id\":\"x\",\"workerID\":" + MARKER + "}");
    get("/api/imagenet/study/hits/hit-1/annotations?workerID=" + MARKER);
    get("/api/imagenet/study/hits/hit-1/version?workerID=" + MARKER);
    HttpResponse<String> assignment = post("/api/imagenet/study/hits/hit-1/assignment", "application/json",
        "{\"workerId\":\"" + MARKER + "\",\"assignmentId\":\"asg\",\"hitId\":\"mt\"}");
    assertThat(assignment.statusCode()).as(assignment.body()).isEqualTo(200);
    get("/api/imagenet/study/hits/hit-1/survey-code?annotationID=" + annotation + "&workerID=" + MARKER);
    get("/api/imagenet/study/hits/nohit/annotations?workerID=" + MARKER);
    HttpResponse<String> overLong = get("/api/imagenet/" + "d".repeat(2100) + "/hits/hit-1/annotations?workerID=" + MARKER);
    get("/api/imagenet/" + "d".repeat(2100) + "/hits/hit-1/survey-code?workerID=" + MARKER + "&assignmentID=a&hitID=h");
    HttpResponse<String> review = http.send(HttpRequest.newBuilder(uri("/api/review/survey-codes/verify"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + REVIEW_TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString("{\"hitId\":\"mt\",\"workerId\":\"" + MARKER
            + "\",\"assignmentId\":\"asg\",\"code\":\"ABCDEF\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(review.statusCode()).isEqualTo(200);

    // then: the gateway's dead letters (written after the answers) are in
    MeterRegistry meters = gateway.getBean(MeterRegistry.class);
    Map<String, List<byte[]>> topics = readAllTopics(records -> records.getOrDefault("dead-letters", List.of()).size() >= 8);
    assertThat(topics.get("dead-letters")).as("the refused hellos were dead-lettered").hasSizeGreaterThanOrEqualTo(8);
    String pseudonym = new WorkerPseudonyms(KEY).pseudonymise(MARKER);
    assertThat(topics.get("interactions").stream().anyMatch(r -> contains(r, pseudonym)))
        .as("the good paths ran: the marker's pseudonym is in interactions").isTrue();
    assertThat(meters.find("byproduct.ingest.rejected").counters()).isNotEmpty();

    topics.forEach((topic, records) -> assertThat(records.stream().filter(r -> contains(r, MARKER))
        .map(r -> new String(r, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", "."))).as("records of %s holding the raw marker", topic)
        .isEmpty());
    if (overLong.statusCode() == 500) {
      assertThat(output.getAll()).as("the 500 is logged, without its query")
          .contains("500 Server Error for HTTP GET \"/api/imagenet/ddd").contains("(query of 25 chars not logged)");
    }
    assertThat(output.getAll()).as("logs").doesNotContain(MARKER);
    DynamoDbClient dynamoClient = gateway.getBean(DynamoDbClient.class);
    for (String table : dynamoClient.listTables().tableNames()) {
      String items = dynamoClient.scan(b -> b.tableName(table)).items().toString();
      assertThat(items).as("table %s", table).doesNotContain(MARKER);
    }
  }

  /** A hello of the marker worker (its id spelled as {@code workerField}), with the assignment's capability. */
  private static String helloBody(String workerField) {
    String id = UUID.randomUUID().toString();
    String k = new AssignmentBinding(KEY).capability("a-" + id, "study", "hit-1", new WorkerPseudonyms(KEY).pseudonymise(MARKER),
        "asg", "mt");
    return "{\"v\":1,\"s\":\"s-" + id + "\",\"a\":\"a-" + id + "\",\"ds\":\"study\",\"h\":\"hit-1\"," + workerField
        + ",\"as\":\"asg\",\"hi\":\"mt\",\"ver\":\"POINTER_ORIGINAL\",\"k\":\"" + k + "\"}";
  }

  private static String hello(String workerField) {
    return "{\"hello\":" + helloBody(workerField) + "}";
  }

  private static void awaitText(RawWebSocket socket, String prefix) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (socket.texts().stream().noneMatch(t -> t.startsWith(prefix)) && System.nanoTime() < deadline) {
      if (socket.awaitClose(Duration.ofMillis(200)) != 0) {
        break;
      }
    }
    assertThat(socket.texts()).as("answers").anyMatch(t -> t.startsWith(prefix));
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static HttpResponse<String> post(String path, String type, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> put(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static boolean contains(byte[] record, String text) {
    return new String(record, StandardCharsets.ISO_8859_1).contains(text);
  }

  /** Keys and values of every record of every topic, read until {@code done} holds (or 30 s passed). */
  private static Map<String, List<byte[]>> readAllTopics(java.util.function.Predicate<Map<String, List<byte[]>>> done)
      throws Exception {
    Set<String> names;
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      names = admin.listTopics().names().get();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Map<String, List<byte[]>> all;
    do {
      all = new java.util.TreeMap<>();
      try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
          "enable.auto.commit", false, "isolation.level", "read_uncommitted"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String name : names) {
          consumer.partitionsFor(name).forEach(p -> partitions.add(new TopicPartition(name, p.partition())));
          all.put(name, new ArrayList<>());
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            byte[] key = record.key() == null ? new byte[0] : record.key();
            byte[] value = record.value() == null ? new byte[0] : record.value();
            byte[] both = new byte[key.length + value.length];
            System.arraycopy(key, 0, both, 0, key.length);
            System.arraycopy(value, 0, both, key.length, value.length);
            all.get(record.topic()).add(both);
          }
        }
      }
      if (done.test(all)) {
        return all;
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    return all;
  }
}
