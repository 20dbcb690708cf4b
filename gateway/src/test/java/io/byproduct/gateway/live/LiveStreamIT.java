package io.byproduct.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.gateway.GatewayApplication;
import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.workers.WorkerPseudonyms;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.json.SeedJson;
import io.byproduct.schemas.record.HoverAction;
import io.byproduct.schemas.record.HoverActionKind;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.ImageUpdate;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import io.byproduct.schemas.record.Position;
import io.byproduct.schemas.record.TrackPoint;
import io.byproduct.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live streams on a real broker: a real SSE client (WebClient) and a real WebSocket client
 * against the gateway, the events of a scripted page coming in through the gateway's own ingest.
 */
class LiveStreamIT {

  private static final String TOKEN = "live-it-token-0123456789";
  private static final String KEY = "live-it-worker-id-key-0123456789";
  private static final String RAW_WORKER = "A1RAWLIVEWORKER";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Topics TOPICS = Topics.defaults();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() { };

  private static LocalKafka kafka;
  private static LocalDynamo dynamo;
  private static ConfigurableApplicationContext gateway;
  private static String base;
  private static WebClient client;
  private static KafkaProducer<String, Object> producer;

  @BeforeAll
  static void start() {
    kafka = LocalKafka.start();
    dynamo = LocalDynamo.start();
    gateway = GatewayApplication.builder().run(
        "--server.port=0",
        "--byproduct.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--byproduct.dynamo.endpoint=" + dynamo.endpoint(),
        "--byproduct.provisioning.create-missing=true",
        "--byproduct.topics.partitions=3",
        "--byproduct.gateway.worker-id-key=" + KEY,
        "--byproduct.gateway.survey-code-key=live-it-survey-code-key-0123",
        "--byproduct.gateway.live.token=" + TOKEN,
        "--byproduct.gateway.live.buffer-messages=64",
        "--byproduct.gateway.live.buffer-bytes=1MB",
        "--byproduct.gateway.live.drop-after=2s");
    base = "http://127.0.0.1:" + ((WebServerApplicationContext) gateway).getWebServer().getPort();
    client = WebClient.builder().baseUrl(base).codecs(c -> c.defaultCodecs().maxInMemorySize(16 << 20)).build();
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all",
        "enable.idempotence", true, "linger.ms", 5),
        new org.apache.kafka.common.serialization.StringSerializer(),
        (topic, value) -> value instanceof InteractionEvent e ? TOPICS.interactions.valueSerde().serializer().serialize(topic, e)
            : value instanceof ImageUpdate u ? TOPICS.images.valueSerde().serializer().serialize(topic, u)
            : TOPICS.pages.valueSerde().serializer().serialize(topic, (PageRecord) value));
  }

  @AfterAll
  static void stop() {
    producer.close();
    gateway.close();
    dynamo.close();
    kafka.close();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  /** A real SSE subscriber; returns once the gateway said {@code subscribed} (from then on it is live). */
  private static Subscriber subscribe(String query) throws InterruptedException {
    Subscriber subscriber = new Subscriber();
    subscriber.connection = client.get().uri("/live/stream?" + query)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
        .accept(MediaType.TEXT_EVENT_STREAM)
        .retrieve().bodyToFlux(SSE)
        .subscribe(subscriber.events::add, error -> subscriber.failed = error, () -> subscriber.completed = true);
    await(() -> !subscriber.events.isEmpty(), "subscribed");
    assertThat(subscriber.events.get(0).event()).isEqualTo("subscribed");
    return subscriber;
  }

  static final class Subscriber implements AutoCloseable {
    final List<ServerSentEvent<String>> events = new CopyOnWriteArrayList<>();
    volatile Throwable failed;
    volatile boolean completed;
    Disposable connection;

    List<JsonNode> data(String type) {
      return events.stream().filter(e -> type.equals(e.event())).map(e -> JSON.readTree(e.data())).toList();
    }

    @Override
    public void close() {
      connection.dispose();
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not seen within " + WAIT + ": " + what);
      }
      Thread.sleep(20);
    }
  }

  private static String hello(String session, String annotation, String dataset) {
    return "{\"v\":1,\"s\":\"" + session + "\",\"a\":\"" + annotation + "\",\"ds\":\"" + dataset + "\",\"h\":\"hit-1\","
        + "\"w\":\"" + RAW_WORKER + "\",\"as\":\"ASSIGN\",\"hi\":\"MTHIT\",\"ver\":\"POINTER_ORIGINAL\",\"k\":\""
        + new io.byproduct.platform.workers.AssignmentBinding(KEY).capability(annotation, dataset, "hit-1",
            new io.byproduct.platform.workers.WorkerPseudonyms(KEY).pseudonymise(RAW_WORKER), "ASSIGN", "MTHIT") + "\"}";
  }

  /** A scripted page in the wire format: opened, laid out, a hover with 40 samples at 60 Hz, a click, leave, submit. */
  private static List<String> scriptedPageFrames(long t0) {
    List<String> events = new ArrayList<>();
    events.add("[0,0,\"c1\",\"n01440764\",[\"tench\"],1]");
    events.add("[1,3,0,8,260,340,255,500,375]");
    events.add("[1,4,1,356,260,340,226,500,333]");
    events.add("[3,500,0]");
    for (int i = 0; i < 40; i++) {
      events.add("[2," + (500 + i * 17) + ",0," + (1000 + i * 150) + "," + (2000 + i * 100) + "]");
    }
    events.add("[5,1200,0,7000,6000,1]");
    events.add("[4,1300,0]");
    events.add("[3,1400,1]");
    events.add("[2,1400,1,5000,5000]");
    events.add("[4,1500,1]");
    events.add("[8,1600,\"page-1\"," + t0 + ",1]");
    events.add("[10,1601,1]");
    String first = "{\"q\":1,\"p\":1,\"t0\":" + t0 + ",\"img\":[\"n01440764/a\",\"n01440764/b\"],\"e\":["
        + String.join(",", events.subList(0, 30)) + "]}";
    String second = "{\"q\":31,\"p\":1,\"t0\":" + t0 + ",\"e\":[" + String.join(",", events.subList(30, events.size())) + "]}";
    return List.of(first, second);
  }

  private static int ingest(String session, String annotation, String dataset) {
    long t0 = System.currentTimeMillis();
    List<String> frames = scriptedPageFrames(t0);
    String body = "{\"hello\":" + hello(session, annotation, dataset) + ",\"frames\":[" + String.join(",", frames) + "]}";
    String answer = client.post().uri("/ingest/frames").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
        .retrieve().bodyToMono(String.class).block(WAIT);
    JsonNode ack = JSON.readTree(answer);
    return ack.get("ack").asInt();
  }

  @Test
  void aSubscriber_receivesTheEventsOfAScriptedPage_inOrder_withPseudonymousWorkerIdsOnly() throws Exception {
    String annotation = unique("a");
    String session = unique("s");
    try (Subscriber subscriber = subscribe("streams=events&annotation=" + annotation)) {
      ingest(unique("s"), unique("other-annotation"), "demo");  // filtered out
      int events = ingest(session, annotation, "demo");

      await(() -> subscriber.data("event").size() >= events, events + " events");
      List<JsonNode> received = subscriber.data("event");
      assertThat(received).hasSize(events);
      assertThat(received).extracting(e -> e.get("seq").asLong())
          .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, events).boxed().toList());
      assertThat(received).allSatisfy(e -> {
        assertThat(e.get("annotationId").asString()).isEqualTo(annotation);
        assertThat(e.get("workerId").asString()).isEqualTo(new WorkerPseudonyms(KEY).pseudonymise(RAW_WORKER));
      });
      assertThat(received).extracting(e -> e.get("payload").get("type").asString())
          .startsWith("PageOpened", "ImageLaidOut", "ImageLaidOut", "HoverChanged", "PointerSample")
          .endsWith("PageSubmitted", "HitFinished");
      assertThat(received.get(4).get("payload").get("x").asDouble()).isEqualTo(0.1);
      assertThat(subscriber.events).noneMatch(e -> e.data() != null && e.data().contains(RAW_WORKER));
      assertThat(subscriber.events.stream().filter(e -> "event".equals(e.event())).map(ServerSentEvent::id).toList())
          .allMatch(id -> id.startsWith("interactions:"));
    }
  }

  @Test
  void pagesAndImages_areFilteredByDatasetHitAndClass_andSentInTheSeedsShape() throws Exception {
    String dataset = unique("ds");
    gateway.getBean(HitStore.class).put("{\"hitDatasetName\":\"" + dataset + "\",\"id\":\"hit-1\",\"pages\":["
        + "{\"pageno\":1,\"class\":{\"id\":\"c1\",\"wnid\":\"n01440764\",\"synset\":[\"tench\"]},\"images\":[]},"
        + "{\"pageno\":2,\"class\":{\"id\":\"c2\",\"wnid\":\"n02102040\",\"synset\":[\"springer\"]},\"images\":[]}]}");
    try (Subscriber byClass = subscribe("streams=pages,images&dataset=" + dataset + "&class=n01440764");
        Subscriber byHit = subscribe("streams=pages&dataset=" + dataset + "&hit=hit-1")) {
      PageRecord page1 = page("ann-1", 1, dataset);
      PageRecord page2 = page("ann-1", 2, dataset);
      PageRecord elsewhere = page("ann-2", 1, unique("other"));
      for (PageRecord p : List.of(elsewhere, page1, page2)) {
        producer.send(new ProducerRecord<>(TOPICS.pages.name(), p.getAnnotationId(), p));
      }
      producer.send(new ProducerRecord<>(TOPICS.images.name(), "ann-1",
          new ImageUpdate("ann-1", 1, dataset, "hit-1", page1.getImages().get(0))));
      producer.send(new ProducerRecord<>(TOPICS.images.name(), "ann-1",
          new ImageUpdate("ann-1", 2, dataset, "hit-1", page2.getImages().get(0))));
      producer.flush();

      await(() -> byClass.data("page").size() == 1 && byClass.data("image").size() == 1, "page and image of class n01440764");
      await(() -> byHit.data("page").size() == 2, "both pages of hit-1");
      JsonNode page = byClass.data("page").get(0);
      assertThat(page.get("imageNetAnnotationID").asString()).isEqualTo("ann-1");
      assertThat(page.get("pageno").asInt()).isEqualTo(1);
      assertThat(page.get("status").asString()).isEqualTo("SUBMITTED");
      assertThat(SeedJson.fromTree(page.get("annotations").get(0))).isEqualTo(page1.getImages().get(0));
      JsonNode image = byClass.data("image").get(0);
      assertThat(SeedJson.fromTree(image)).isEqualTo(page1.getImages().get(0));
      assertThat(image.get("pageno").asInt()).isEqualTo(1);
      assertThat(byHit.data("page")).extracting(p -> p.get("pageno").asInt()).containsExactlyInAnyOrder(1, 2);
      Thread.sleep(500);
      assertThat(byClass.data("page")).hasSize(1);
    }
  }

  private static PageRecord page(String annotation, int pageNo, String dataset) {
    ImageRecord image = ImageRecord.newBuilder().setImageID("n01440764/img-" + pageNo).setOriginalImageHeight(375)
        .setOriginalImageWidth(500).setImageHeight(255).setImageWidth(340).setImagePosition(new Position(8, 260))
        .setHoveredRecord(List.of(new HoverAction(HoverActionKind.enter, 1000L), new HoverAction(HoverActionKind.leave, 1500L)))
        .setHoveredCount(1).setMouseTracking(List.of(new TrackPoint(0.25, 0.5, 1000L), new TrackPoint(0.3, 0.55, 1017L)))
        .setSelected(true).setSelectedCount(1).setSelectedRecord(List.of(new TrackPoint(0.3, 0.55, 1020L)))
        .setEstimateTime(20).setWorkerId("0123456789ABCDEF").build();
    return PageRecord.newBuilder().setAnnotationId(annotation).setPageId("page-" + pageNo).setPageNo(pageNo)
        .setHitDatasetName(dataset).setImageNetHitId("hit-1").setWorkerId("0123456789ABCDEF").setVersion("POINTER_ORIGINAL")
        .setStartedAt(900).setEndedAt(2000).setStatus(PageStatus.SUBMITTED).setEventCount(9).setImages(List.of(image))
        .build();
  }

  @Test
  void withoutTheToken_theLiveStreamsAreRefused_whileTheWorkersPathsNeedNone() {
    HttpStatusCode none = client.get().uri("/live/stream").exchangeToMono(r -> Mono.just(r.statusCode())).block(WAIT);
    assertThat(none.value()).isEqualTo(401);
    HttpStatusCode wrong = client.get().uri("/live/stream").header(HttpHeaders.AUTHORIZATION, "Bearer not-the-token-at-all")
        .exchangeToMono(r -> Mono.just(r.statusCode())).block(WAIT);
    assertThat(wrong.value()).isEqualTo(401);
    String body = client.get().uri("/live/stream?token=wrong").exchangeToMono(r -> r.bodyToMono(String.class)).block(WAIT);
    assertThat(body).isEqualTo("{\"error\":\"the token is not valid\"}");
    HttpStatusCode socket = client.get().uri("/live/ws").header(HttpHeaders.UPGRADE, "websocket")
        .header(HttpHeaders.CONNECTION, "Upgrade").header("Sec-WebSocket-Version", "13")
        .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
        .exchangeToMono(r -> Mono.just(r.statusCode())).block(WAIT);
    assertThat(socket.value()).isEqualTo(401);

    HttpStatusCode health = client.get().uri("/actuator/health").exchangeToMono(r -> Mono.just(r.statusCode())).block(WAIT);
    assertThat(health.value()).isEqualTo(200);
    HttpStatusCode ingest = client.post().uri("/ingest/frames").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"hello\":" + hello(unique("s"), unique("a"), "demo") + ",\"frames\":[]}")
        .exchangeToMono(r -> Mono.just(r.statusCode())).block(WAIT);
    assertThat(ingest.value()).isEqualTo(200);
  }

  @Test
  void aStalledSubscriber_isDroppedWithANotice_whileOthersKeepReceivingEverything() throws Exception {
    String annotation = unique("flood");
    MeterRegistry meters = gateway.getBean(MeterRegistry.class);
    double droppedBefore = meters.counter("byproduct.live.ended", "reason", "dropped").count();
    try (Subscriber healthy = subscribe("streams=events&annotation=" + annotation);
        Socket stalled = new Socket()) {
      stalled.setReceiveBufferSize(4096);
      stalled.connect(new InetSocketAddress("127.0.0.1", URI.create(base).getPort()));
      stalled.getOutputStream().write(("GET /live/stream?streams=events&annotation=" + annotation + "&token=" + TOKEN
          + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      stalled.getOutputStream().flush();
      await(() -> meters.get("byproduct.live.subscribers").gauge().value() >= 2, "two subscribers");
      double openWithBoth = meters.get("byproduct.live.subscribers").gauge().value();

      // the stalled client reads nothing: flood until the gateway gives up on it (bounded)
      long sent = 0;
      String padding = "p".repeat(200);
      while (meters.counter("byproduct.live.ended", "reason", "dropped").count() == droppedBefore && sent < 200_000) {
        for (int i = 0; i < 2_000; i++) {
          sent++;
          producer.send(new ProducerRecord<>(TOPICS.interactions.name(), annotation, event(annotation, sent, padding)));
        }
        producer.flush();
        Thread.sleep(200);
      }
      assertThat(meters.counter("byproduct.live.ended", "reason", "dropped").count())
          .as("the stalled subscriber was dropped after %d events", sent).isEqualTo(droppedBefore + 1);
      await(() -> meters.get("byproduct.live.subscribers").gauge().value() <= openWithBoth - 1,
          "the stalled subscriber's consumer released");

      long total = sent;
      await(() -> healthy.data("event").size() >= total, "all " + total + " events at the healthy subscriber");
      List<JsonNode> received = healthy.data("event");
      assertThat(received).hasSize((int) total);
      assertThat(received).extracting(e -> e.get("seq").asLong())
          .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, total).boxed().toList());
      assertThat(healthy.events).noneMatch(e -> "dropped".equals(e.event()));

      String stalledSaw = readAvailable(stalled, Duration.ofSeconds(20));
      assertThat(stalledSaw).startsWith("HTTP/1.1 200").contains("event:subscribed").contains("event:dropped")
          .contains("\"reason\":\"too-slow\"");
    }
  }

  private static InteractionEvent event(String annotation, long seq, String padding) {
    return InteractionEvent.newBuilder().setEventId("flood:" + seq).setSessionId("flood-" + padding).setSeq(seq)
        .setAnnotationId(annotation).setHitDatasetName("demo").setImageNetHitId("hit-1").setPageNo(1)
        .setWorkerId("0123456789ABCDEF").setVersion(InterfaceVersion.POINTER_ORIGINAL)
        .setClientTime(seq).setGatewayTime(seq).setPayload(new PointerSample("n0/a", 0.5, 0.5)).build();
  }

  /** Reads what the socket has until "event:dropped" and the end of the stream, or the time is up. */
  private static String readAvailable(Socket socket, Duration timeout) throws Exception {
    socket.setSoTimeout(1000);
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[1 << 16];
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        int n = in.read(buffer);
        if (n < 0) {
          break;
        }
        seen.write(buffer, 0, n);
        String text = seen.toString(StandardCharsets.UTF_8);
        if (text.contains("event:dropped") && text.endsWith("0\r\n\r\n")) {
          break;
        }
      } catch (SocketTimeoutException quiet) {
        if (seen.toString(StandardCharsets.UTF_8).contains("event:dropped")) {
          break;
        }
      }
    }
    return seen.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aWebSocketSubscriber_receivesTheSameMessagesAsJson() throws Exception {
    String annotation = unique("ws");
    List<JsonNode> messages = new CopyOnWriteArrayList<>();
    Disposable connection = new ReactorNettyWebSocketClient().execute(
        URI.create(base.replace("http", "ws") + "/live/ws?streams=events&annotation=" + annotation + "&token=" + TOKEN),
        session -> session.receive().doOnNext(m -> messages.add(JSON.readTree(m.getPayloadAsText()))).then())
        .subscribe();
    try {
      await(() -> !messages.isEmpty(), "subscribed");
      assertThat(messages.get(0).get("type").asString()).isEqualTo("subscribed");
      int events = ingest(unique("s"), annotation, "demo");
      await(() -> messages.stream().filter(m -> m.get("type").asString().equals("event")).count() >= events, "events");
      List<JsonNode> received = messages.stream().filter(m -> m.get("type").asString().equals("event")).toList();
      assertThat(received).extracting(m -> m.get("data").get("seq").asLong())
          .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, events).boxed().toList());
      assertThat(received.get(0).get("id").asString()).startsWith("interactions:");
    } finally {
      connection.dispose();
    }
  }
}
