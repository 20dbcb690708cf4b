package io.byproduct.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.gateway.GatewayApplication;
import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.platform.workers.AssignmentBinding;
import io.byproduct.platform.workers.WorkerPseudonyms;
import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.event.HitFinished;
import io.byproduct.schemas.event.HoverChanged;
import io.byproduct.schemas.event.ImageLaidOut;
import io.byproduct.schemas.batch.InteractionRecords;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.PageOpened;
import io.byproduct.schemas.event.PageSubmitted;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.event.SelectionToggled;
import io.byproduct.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.CloseStatus;

/** The ingest end to end: a real WebSocket client, the gateway, a real broker (and dynalite for the start-up check). */
@ExtendWith(OutputCaptureExtension.class)
class IngestIT {

  private static final String KEY = "ingest-it-worker-id-key-0123456789";
  private static final String RAW_WORKER = "A1RAWWORKERIT";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Topics TOPICS = Topics.defaults();

  private static LocalKafka kafka;
  private static LocalDynamo dynamo;
  private static ConfigurableApplicationContext gateway;
  private static int port;
  private static WebTestClient http;

  @BeforeAll
  static void start() {
    kafka = LocalKafka.start();
    dynamo = LocalDynamo.start();
    gateway = GatewayApplication.builder().run(gatewayArgs("--byproduct.gateway.worker-id-key=" + KEY));
    port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
    http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(WAIT).build();
  }

  private static String[] gatewayArgs(String... more) {
    List<String> args = new java.util.ArrayList<>(List.of(
        "--server.port=0",
        "--byproduct.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--byproduct.dynamo.endpoint=" + dynamo.endpoint(),
        "--byproduct.provisioning.create-missing=true",
        "--byproduct.gateway.survey-code-key=ingest-it-survey-code-key-0123",
        "--byproduct.gateway.ingest.idle-timeout=2s",
        "--byproduct.gateway.ingest.max-frames-per-second=50",
        "--byproduct.gateway.ingest.frame-burst=100"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    dynamo.close();
    kafka.close();
  }

  // --- WebSocket -------------------------------------------------------------------------------

  @Test
  void webSocket_ackedEventsAreInKafka_decoded_withPseudonymisedWorkerIds() throws Exception {
    String session = unique("s");
    String annotation = unique("a");
    long t0 = System.currentTimeMillis();
    try (IngestSocket socket = IngestSocket.open(port)) {
      assertThat(socket.handshake().getHeaders().getFirst("Sec-WebSocket-Extensions")).contains("permessage-deflate");
      socket.send(hello(session, annotation));
      socket.send("{\"q\":1,\"p\":1,\"t0\":" + t0 + ",\"img\":[\"n0/a\",\"n0/b\"],\"e\":["
          + "[0,0,\"c1\",\"n01440764\",[\"tench\"],10],[1,3,0,120,420,340,255,500,375],[1,4,1,468,420,340,255.5,500,375],"
          + "[3,900,0],[2,900,0,1234,5678],[2,917,0,1300,5600],[4,950,0]]}");
      List<String> first = socket.answersUntilAck(7, WAIT);
      assertThat(first).containsExactly("{\"ack\":7}");

      socket.send("{\"q\":8,\"p\":1,\"t0\":" + (t0 + 1000) + ",\"e\":[[3,0,1],[5,10,1,5000,5000,1],[4,400,1]]}");
      socket.send("{\"q\":11,\"p\":1,\"t0\":" + (t0 + 2000) + ",\"e\":[[8,0,\"page-1\"," + t0 + ",1],[10,5,1]]}");
      List<String> rest = socket.answersUntilAck(12, WAIT);
      assertThat(rest).allMatch(a -> a.startsWith("{\"ack\":"));
      assertThat(rest.stream().map(a -> Long.parseLong(a.replaceAll("\\D", ""))).toList()).isSorted();
    }
    // read after the exchange: reading Kafka can take longer than this IT's 2 s idle timeout, which
    // would close the socket before the second frames
    assertThat(eventsOf(session, records -> seqsOf(records, session).containsAll(seqs(1, 7))))
        .as("an acked event is in Kafka").extracting(InteractionEvent::getSeq).containsAll(seqs(1, 7));

    List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(kafka.bootstrapServers(), TOPICS.interactions.name(),
        rs -> seqsOf(rs, session).containsAll(seqs(1, 12)), WAIT);
    List<ConsumerRecord<String, byte[]>> ours = records.stream()
        .filter(r -> decode(r).stream().anyMatch(e -> e.getSessionId().equals(session))).toList();
    assertThat(ours).as("one record per frame, each an InteractionBatch")
        .hasSize(3).allMatch(r -> InteractionRecords.isBatch(r.value()));
    assertThat(ours).flatExtracting(r -> decode(r).stream().map(InteractionEvent::getSeq).toList())
        .containsExactlyInAnyOrderElementsOf(seqs(1, 12));
    String pseudonym = new WorkerPseudonyms(KEY).pseudonymise(RAW_WORKER);
    assertThat(ours).allSatisfy(r -> {
      assertThat(r.key()).isEqualTo(annotation);
      assertThat(new String(r.value(), StandardCharsets.ISO_8859_1)).doesNotContain(RAW_WORKER);
      assertThat(decode(r)).allSatisfy(e -> {
        assertThat(e.getWorkerId()).isEqualTo(pseudonym);
        assertThat(e.getEventId()).isEqualTo(session + ":" + e.getSeq());
      });
    });
    List<InteractionEvent> events = ours.stream().flatMap(r -> decode(r).stream())
        .sorted((a, b) -> Long.compare(a.getSeq(), b.getSeq())).toList();
    assertThat(events.get(0).getPayload()).isEqualTo(new PageOpened("c1", "n01440764", List.of("tench"), List.of("n0/a", "n0/b"), 10));
    assertThat(events.get(2).getPayload()).isEqualTo(new ImageLaidOut("n0/b", 468.0, 420.0, 340.0, 255.5, 500, 375));
    assertThat(events.get(4).getPayload()).isEqualTo(new PointerSample("n0/a", 0.1234, 0.5678));
    assertThat(events.get(4).getClientTime()).isEqualTo(t0 + 900);
    assertThat(events.get(7).getPayload()).isEqualTo(new HoverChanged("n0/b", true));
    assertThat(events.get(8).getPayload()).isEqualTo(new SelectionToggled("n0/b", 0.5, 0.5, true));
    assertThat(events.get(10).getPayload()).isEqualTo(new PageSubmitted("page-1", t0, true));
    assertThat(events.get(11).getPayload()).isEqualTo(new HitFinished(1));
  }

  @Test
  void malformedOversizedAndUnknownKindFrames_getErrorsAndDeadLetters_whileGoodFramesAroundThemFlow() throws Exception {
    String session = unique("s");
    String annotation = unique("a");
    long t0 = System.currentTimeMillis();
    try (IngestSocket socket = IngestSocket.open(port)) {
      socket.send(hello(session, annotation));
      socket.send(pointerFrame(1, t0, 3));
      assertThat(socket.answersUntilAck(3, WAIT)).containsExactly("{\"ack\":3}");

      socket.send("{\"q\":100,\"p\":1,\"t0\":" + t0 + ",\"e\":[[2,0,0,1,1]");
      assertThat(socket.nextAnswer(WAIT)).startsWith("{\"error\":{\"q\":null,\"code\":\"malformed-json\",\"message\":\"malformed JSON at line 1");

      String oversized = "{\"q\":100,\"p\":1,\"t0\":" + t0 + ",\"pad\":\"" + "x".repeat(300_000) + "\",\"e\":[]}";
      socket.send(oversized);
      assertThat(socket.nextAnswer(WAIT)).isEqualTo("{\"error\":{\"q\":null,\"code\":\"oversized-frame\",\"message\":\"message: "
          + oversized.length() + " bytes, at most 262144 are allowed\"}}");

      socket.send("{\"q\":100,\"p\":1,\"t0\":" + t0 + ",\"e\":[[2,0,0,1,1],[99,0]]}");
      assertThat(socket.nextAnswer(WAIT)).isEqualTo(
          "{\"error\":{\"q\":100,\"code\":\"unknown-kind\",\"message\":\"e[1][0]: unknown kind 99 (known: 0..10)\"}}");

      socket.send(pointerFrame(4, t0, 3));
      assertThat(socket.answersUntilAck(6, WAIT)).containsExactly("{\"ack\":6}");
    }

    List<InteractionEvent> events = eventsOf(session, rs -> seqsOf(rs, session).containsAll(seqs(1, 6)));
    assertThat(events).extracting(InteractionEvent::getSeq).containsExactlyInAnyOrderElementsOf(seqs(1, 6));

    List<DeadLetter> letters = deadLettersKeyed(annotation, 3);
    assertThat(letters).extracting(DeadLetter::getReason)
        .containsExactlyInAnyOrder("malformed-json", "oversized-frame", "unknown-kind");
    assertThat(letters).allSatisfy(letter -> {
      assertThat(letter.getSource()).isEqualTo("gateway.websocket");
      assertThat(letter.getKey()).isEqualTo(annotation);
    });
    DeadLetter oversized = letters.stream().filter(l -> l.getReason().equals("oversized-frame")).findFirst().orElseThrow();
    assertThat(oversized.getPayloadTruncated()).isTrue();
    assertThat(oversized.getPayloadText()).hasSize(65_536);
    DeadLetter unknown = letters.stream().filter(l -> l.getReason().equals("unknown-kind")).findFirst().orElseThrow();
    assertThat(unknown.getDetail()).isEqualTo("e[1][0]: unknown kind 99 (known: 0..10)");
    assertThat(unknown.getPayloadText()).contains("[99,0]");
  }

  /** Attack: a hello with another worker's annotation id (and the attacker's own capability): refused, counted, dead-lettered. */
  @Test
  void helloWithAnotherWorkersAnnotationId_isForbidden_andItsFramesAreNotWritten() throws Exception {
    String victim = unique("victim");
    String marker = unique("img");
    String attackersK = new AssignmentBinding(KEY).capability(unique("attacker"), "demo", "hit-1",
        new WorkerPseudonyms(KEY).pseudonymise(RAW_WORKER), "asg-1", "mt-1");
    String forged = helloValue(unique("s"), victim).replaceFirst("\"k\":\"[^\"]*\"", "\"k\":\"" + attackersK + "\"");
    try (IngestSocket socket = IngestSocket.open(port)) {
      socket.send("{\"hello\":" + forged + "}");
      assertThat(socket.nextAnswer(WAIT)).startsWith("{\"error\":{\"q\":null,\"code\":\"forbidden\","
          + "\"message\":\"hello: k is not the capability of annotation a");
      socket.send("{\"q\":1,\"p\":1,\"t0\":" + System.currentTimeMillis() + ",\"img\":[\"" + marker + "\"],\"e\":[[3,0,0]]}");
      assertThat(socket.nextAnswer(WAIT)).contains("\"code\":\"missing-hello\"");
    }
    http.post().uri("/ingest/frames").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .bodyValue("{\"hello\":" + forged + ",\"frames\":[]}").exchange()
        .expectStatus().isForbidden().expectBody().jsonPath("$.error.code").isEqualTo("forbidden");
    List<DeadLetter> letters = deadLetters(ls -> ls.stream().filter(l -> victim.equals(l.getKey())).count() >= 2);
    assertThat(letters.stream().filter(l -> victim.equals(l.getKey()))).extracting(DeadLetter::getReason)
        .containsOnly("forbidden");
    String metrics = http.get().uri("/actuator/prometheus").exchange().expectBody(String.class).returnResult().getResponseBody();
    assertThat(value(metrics, "byproduct_ingest_rejected_total{reason=\"forbidden\"}")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void startWithoutSurveyCodeKey_failsNamingTheProperty(CapturedOutput output) {
    String[] args = java.util.Arrays.stream(gatewayArgs("--byproduct.gateway.worker-id-key=" + KEY))
        .filter(a -> !a.startsWith("--byproduct.gateway.survey-code-key")).toArray(String[]::new);
    assertThatThrownBy(() -> GatewayApplication.builder().run(args).close())
        .hasRootCauseInstanceOf(WorkerIdKeyException.class)
        .rootCause().hasMessageContaining("byproduct.gateway.survey-code-key is not set");
    assertThat(output).contains("BYPRODUCT_SURVEY_CODE_KEY");
  }

  @Test
  void frameBeforeHello_isRefusedAsMissingHello() throws Exception {
    String marker = unique("img");
    try (IngestSocket socket = IngestSocket.open(port)) {
      socket.send("{\"q\":5,\"p\":1,\"t0\":" + System.currentTimeMillis() + ",\"img\":[\"" + marker + "\"],\"e\":[]}");
      assertThat(socket.nextAnswer(WAIT)).isEqualTo("{\"error\":{\"q\":5,\"code\":\"missing-hello\","
          + "\"message\":\"frame before hello: a connection starts with {\\\"hello\\\":{...}}\"}}");
    }
    List<DeadLetter> letters = deadLetters(ls -> ls.stream().anyMatch(l -> text(l).contains(marker)));
    DeadLetter letter = letters.stream().filter(l -> text(l).contains(marker)).findFirst().orElseThrow();
    assertThat(letter.getReason()).isEqualTo("missing-hello");
    assertThat(letter.getKey()).isNull();
  }

  @Test
  void idleConnection_isClosedWith4408() throws Exception {
    try (IngestSocket socket = IngestSocket.open(port)) {
      socket.send(hello(unique("s"), unique("a")));
      CloseStatus status = socket.awaitClose(WAIT);
      assertThat(status.getCode()).isEqualTo(4408);
      assertThat(status.getReason()).isEqualTo("idle for more than 2 s");
    }
  }

  @Test
  void clientFasterThanTheRateForLong_isClosedWith4429() throws Exception {
    try (IngestSocket socket = IngestSocket.open(port)) {
      socket.send(hello(unique("s"), unique("a")));
      long t0 = System.currentTimeMillis();
      // the burst (100) and some more at once; then the client waits. (A client that keeps flooding
      // may see the connection reset instead: the server closes with its data unread.)
      for (int i = 0; i < 120; i++) {
        socket.send("{\"q\":1,\"p\":1,\"t0\":" + t0 + ",\"e\":[]}");
      }
      CloseStatus status = socket.awaitClose(WAIT);
      assertThat(status.getCode()).isEqualTo(4429);
      assertThat(status.getReason()).isEqualTo("frame rate above 50/s for too long");
    }
  }

  @ParameterizedTest(name = "permessage-deflate {0}")
  @ValueSource(booleans = {true, false})
  void messageAboveFourTimesTheFrameLimit_closesWith1009(boolean compress) throws Exception {
    try (IngestSocket socket = IngestSocket.open(port, compress)) {
      socket.send(hello(unique("s"), unique("a")));
      long t0 = System.currentTimeMillis();
      socket.send("{\"q\":1,\"p\":1,\"t0\":" + t0 + ",\"pad\":\"" + "x".repeat(1024 * 1024 + 10) + "\",\"e\":[]}");
      CloseStatus status = socket.awaitClose(WAIT);
      assertThat(status.getCode()).isEqualTo(1009);
    }
  }

  // --- HTTP ------------------------------------------------------------------------------------

  @Test
  void httpBatch_isWrittenAndAcked() {
    String session = unique("s");
    long t0 = System.currentTimeMillis();
    String body = "{\"hello\":" + helloValue(session, unique("a")) + ",\"frames\":[" + pointerFrame(1, t0, 2) + ","
        + "{\"q\":3,\"p\":1,\"t0\":" + t0 + ",\"e\":[[4,5,0]]}]}";

    http.post().uri("/ingest/frames").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
        .expectStatus().isOk()
        .expectBody(String.class).isEqualTo("{\"ack\":3}");

    assertThat(eventsOf(session, rs -> seqsOf(rs, session).containsAll(seqs(1, 3))))
        .extracting(InteractionEvent::getSeq).containsAll(seqs(1, 3));
  }

  @Test
  void httpBatchWithABadFrame_isRefusedWhole_400_andDeadLettered() {
    String annotation = unique("a");
    String badSession = unique("bad");
    long t0 = System.currentTimeMillis();
    String bad = "{\"hello\":" + helloValue(badSession, annotation) + ",\"frames\":[" + pointerFrame(1, t0, 2) + ","
        + "{\"q\":3,\"p\":1,\"t0\":" + t0 + ",\"e\":[[2,0,0,12000,5]]}]}";

    http.post().uri("/ingest/frames").contentType(MediaType.APPLICATION_JSON).bodyValue(bad).exchange()
        .expectStatus().isBadRequest()
        .expectBody(String.class).isEqualTo("{\"error\":{\"q\":3,\"code\":\"invalid-field\","
            + "\"message\":\"frames[1].e[0][3]: x must be 0..10000, was 12000\"}}");

    // a good batch on the same key (same partition, sent later): once it is there, the bad one would be too
    String goodSession = unique("good");
    http.post().uri("/ingest/frames").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"hello\":" + helloValue(goodSession, annotation) + ",\"frames\":[" + pointerFrame(1, t0, 1) + "]}")
        .exchange().expectStatus().isOk();
    List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(kafka.bootstrapServers(), TOPICS.interactions.name(),
        rs -> seqsOf(rs, goodSession).contains(1L), WAIT);
    assertThat(seqsOf(records, goodSession)).contains(1L);
    assertThat(seqsOf(records, badSession)).as("nothing of a refused batch is written").isEmpty();

    DeadLetter letter = deadLettersKeyed(annotation, 1).get(0);
    assertThat(letter.getSource()).isEqualTo("gateway.http");
    assertThat(letter.getReason()).isEqualTo("invalid-field");
    assertThat(letter.getDetail()).isEqualTo("frames[1].e[0][3]: x must be 0..10000, was 12000");
    assertThat(letter.getPayloadText()).isEqualTo("{\"q\":3,\"p\":1,\"t0\":" + t0 + ",\"e\":[[2,0,0,12000,5]]}");
  }

  @Test
  void beacon_acceptsTextPlain_answers204AfterDurability() {
    String session = unique("s");
    String body = "{\"hello\":" + helloValue(session, unique("a")) + ",\"frames\":[" + pointerFrame(1, System.currentTimeMillis(), 2) + "]}";

    http.post().uri("/ingest/beacon").contentType(MediaType.parseMediaType("text/plain;charset=UTF-8")).bodyValue(body).exchange()
        .expectStatus().isNoContent();

    assertThat(eventsOf(session, rs -> seqsOf(rs, session).containsAll(seqs(1, 2))))
        .extracting(InteractionEvent::getSeq).containsAll(seqs(1, 2));
  }

  // --- Metrics and start-up --------------------------------------------------------------------

  @Test
  void ingestMetrics_appearInPrometheus() throws Exception {
    try (IngestSocket socket = IngestSocket.open(port)) {
      socket.send(hello(unique("s"), unique("a")));
      socket.send(pointerFrame(1, System.currentTimeMillis(), 2));
      socket.answersUntilAck(2, WAIT);
      socket.send("{\"q\":3,\"p\":1,\"t0\":" + System.currentTimeMillis() + ",\"e\":[[77,0]]}");
      assertThat(socket.nextAnswer(WAIT)).contains("unknown-kind");
    }

    String metrics = http.get().uri("/actuator/prometheus").exchange()
        .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

    assertThat(value(metrics, "byproduct_ingest_accepted_total ")).isGreaterThanOrEqualTo(2);
    assertThat(value(metrics, "byproduct_ingest_rejected_total{reason=\"unknown-kind\"}")).isGreaterThanOrEqualTo(1);
    assertThat(metrics).contains("byproduct_ingest_rejected_total{reason=\"malformed-json\"}");
    assertThat(value(metrics, "byproduct_ingest_ack_latency_seconds_count ")).isGreaterThanOrEqualTo(1);
    assertThat(metrics).contains("byproduct_ingest_inflight ");
  }

  @Test
  void startWithoutWorkerIdKey_failsNamingTheProperty(CapturedOutput output) {
    assertThatThrownBy(() -> GatewayApplication.builder().run(gatewayArgs()).close())
        .hasRootCauseInstanceOf(WorkerIdKeyException.class)
        .rootCause().hasMessageContaining("byproduct.gateway.worker-id-key is not set");
    assertThat(output).contains("byproduct.gateway.worker-id-key is not set").contains("Action:");
  }

  @Test
  void startWithAShortWorkerIdKey_failsWithoutShowingIt(CapturedOutput output) {
    String secret = "sh0rt-s3cret";
    assertThatThrownBy(() -> GatewayApplication.builder().run(gatewayArgs("--byproduct.gateway.worker-id-key=" + secret)).close())
        .hasRootCauseInstanceOf(WorkerIdKeyException.class)
        .rootCause().hasMessage("byproduct.gateway.worker-id-key is too short (12 bytes): it must have at least 16 bytes");
    assertThat(output).contains("byproduct.gateway.worker-id-key is too short").doesNotContain(secret);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  private static String helloValue(String session, String annotation) {
    String k = new AssignmentBinding(KEY).capability(annotation, "demo", "hit-1", new WorkerPseudonyms(KEY).pseudonymise(RAW_WORKER),
        "asg-1", "mt-1");
    return "{\"v\":1,\"s\":\"" + session + "\",\"a\":\"" + annotation + "\",\"ds\":\"demo\",\"h\":\"hit-1\",\"w\":\"" + RAW_WORKER
        + "\",\"as\":\"asg-1\",\"hi\":\"mt-1\",\"ver\":\"POINTER_ORIGINAL\",\"k\":\"" + k + "\"}";
  }

  private static String hello(String session, String annotation) {
    return "{\"hello\":" + helloValue(session, annotation) + "}";
  }

  private static String pointerFrame(long q, long t0, int samples) {
    StringBuilder e = new StringBuilder();
    for (int k = 0; k < samples; k++) {
      e.append(k == 0 ? "" : ",").append("[2,").append(k * 17).append(",0,").append(1000 + k).append(",2000]");
    }
    return "{\"q\":" + q + ",\"p\":1,\"t0\":" + t0 + ",\"img\":[\"n0/a\"],\"e\":[" + e + "]}";
  }

  private static List<Long> seqs(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  /** A record's events: a frame's batch unfolded (or one event of the older format). */
  private static List<InteractionEvent> decode(ConsumerRecord<String, byte[]> record) {
    return InteractionRecords.events(record.value());
  }

  private static Set<Long> seqsOf(List<ConsumerRecord<String, byte[]>> records, String session) {
    return records.stream().flatMap(r -> decode(r).stream()).filter(e -> e.getSessionId().equals(session))
        .map(InteractionEvent::getSeq).collect(Collectors.toSet());
  }

  private static List<InteractionEvent> eventsOf(String session, Predicate<List<ConsumerRecord<String, byte[]>>> done) {
    return TopicReader.readUntil(kafka.bootstrapServers(), TOPICS.interactions.name(), done, WAIT).stream()
        .flatMap(r -> decode(r).stream()).filter(e -> e.getSessionId().equals(session)).toList();
  }

  private static List<DeadLetter> deadLetters(Predicate<List<DeadLetter>> done) {
    return TopicReader.readUntil(kafka.bootstrapServers(), TOPICS.deadLetters.name(),
            rs -> done.test(rs.stream().map(IngestIT::decodeLetter).toList()), WAIT)
        .stream().map(IngestIT::decodeLetter).toList();
  }

  private static List<DeadLetter> deadLettersKeyed(String key, int count) {
    List<DeadLetter> letters = deadLetters(ls -> ls.stream().filter(l -> key.equals(l.getKey())).count() >= count)
        .stream().filter(l -> key.equals(l.getKey())).toList();
    assertThat(letters).hasSize(count);
    return letters;
  }

  private static DeadLetter decodeLetter(ConsumerRecord<String, byte[]> record) {
    return TOPICS.deadLetters.valueSerde().deserializer().deserialize(record.topic(), record.value());
  }

  private static String text(DeadLetter letter) {
    return letter.getPayloadText() == null ? "" : letter.getPayloadText();
  }

  private static double value(String prometheus, String series) {
    return prometheus.lines().filter(line -> line.startsWith(series)).findFirst()
        .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .orElseThrow(() -> new AssertionError("no series " + series + " in /actuator/prometheus"));
  }
}
