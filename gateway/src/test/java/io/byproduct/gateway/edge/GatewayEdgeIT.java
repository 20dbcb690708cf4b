package io.byproduct.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.gateway.GatewayApplication;
import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.platform.workers.AssignmentBinding;
import io.byproduct.platform.workers.WorkerPseudonyms;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The attacks of issue 20 on the gateway's edge, performed against a started gateway (real broker,
 * dynalite) with raw sockets: protected paths in other spellings, too many WebSockets, sockets that
 * never say hello or only send refused messages, and slow HTTP requests.
 */
class GatewayEdgeIT {

  static final String LIVE_TOKEN = "edge-it-live-token-0123456789";
  static final String REVIEW_TOKEN = "edge-it-review-token-0123456789";
  static final String KEY = "edge-it-worker-id-key-0123456789";
  static final String SURVEY_CODE_KEY = "edge-it-survey-code-key-0123456789";

  private static LocalKafka kafka;
  private static LocalDynamo dynamo;
  private static ConfigurableApplicationContext gateway;
  private static int port;

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
        "--byproduct.gateway.survey-code-key=" + SURVEY_CODE_KEY,
        "--byproduct.gateway.live.token=" + LIVE_TOKEN,
        "--byproduct.gateway.review.token=" + REVIEW_TOKEN,
        "--byproduct.gateway.connections.max-ingest=6",
        "--byproduct.gateway.connections.max-ingest-per-address=3",
        "--byproduct.gateway.connections.max-live-per-address=1",
        "--byproduct.gateway.connections.trusted-proxies=127.0.0.1",
        "--byproduct.gateway.connections.request-head-timeout=2s",
        "--byproduct.gateway.connections.body-read-timeout=2s",
        "--byproduct.gateway.connections.body-timeout=4s",
        "--byproduct.gateway.ingest.hello-timeout=2s",
        "--byproduct.gateway.ingest.idle-timeout=3s",
        "--byproduct.gateway.ingest.max-rejections=10");
    port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    dynamo.close();
    kafka.close();
  }

  // --- protected paths -------------------------------------------------------------------------

  /** Spellings of a path that a router may map to the same handler as the path itself. */
  static List<Arguments> spellings() {
    List<Arguments> spellings = new ArrayList<>();
    UnaryOperator<String> encodeFirstLetter = p -> "/%" + Integer.toHexString(p.charAt(1)) + p.substring(2);
    UnaryOperator<String> encodeEveryLetter = p -> {
      StringBuilder out = new StringBuilder();
      p.chars().forEach(c -> out.append(Character.isLetter(c) ? "%" + Integer.toHexString(c).toUpperCase() : String.valueOf((char) c)));
      return out.toString();
    };
    add(spellings, "as written", p -> p);
    add(spellings, "first letter %-encoded", encodeFirstLetter);
    add(spellings, "every letter %-encoded", encodeEveryLetter);
    add(spellings, "second slash as %2F", p -> p.replaceFirst("(/[^/]+)/", "$1%2F"));
    add(spellings, "matrix parameter on the first segment", p -> p.replaceFirst("(/[^/]+)/", "$1;x=1/"));
    add(spellings, "matrix parameter on the last segment", p -> p + ";x=1");
    add(spellings, "leading double slash", p -> "/" + p);
    add(spellings, "inner double slash", p -> p.replaceFirst("(/[^/]+)/", "$1//"));
    add(spellings, "trailing slash", p -> p + "/");
    add(spellings, "dot segment", p -> "/./" + p.substring(1));
    add(spellings, "dot-dot segment", p -> "/x/.." + p);
    add(spellings, "encoded dot-dot segment", p -> "/x/%2e%2e" + p);
    add(spellings, "upper case", String::toUpperCase);
    add(spellings, "first letter upper case", p -> "/" + Character.toUpperCase(p.charAt(1)) + p.substring(2));
    return spellings;
  }

  private static void add(List<Arguments> list, String name, UnaryOperator<String> spelling) {
    for (Endpoint endpoint : Endpoint.values()) {
      list.add(Arguments.of(endpoint, name, spelling));
    }
  }

  /** Every token-protected endpoint, and a request to it with or without the token. */
  enum Endpoint {
    LIVE_SSE("/live/stream") {
      @Override
      String request(String path, String authorization) {
        return "GET " + path + "?streams=pages&from=earliest HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
            + authorization + "\r\n";
      }
    },
    LIVE_WEBSOCKET("/live/ws") {
      @Override
      String request(String path, String authorization) {
        return "GET " + path + "?streams=pages HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" + authorization + "\r\n";
      }
    },
    REVIEW("/api/review/survey-codes/verify") {
      @Override
      String request(String path, String authorization) {
        String body = "{\"hitId\":\"h\",\"workerId\":\"w\",\"assignmentId\":\"a\",\"code\":\"ABCDEF\"}";
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length() + "\r\n" + authorization + "\r\n" + body;
      }
    };

    final String path;

    Endpoint(String path) {
      this.path = path;
    }

    abstract String request(String path, String authorization);

    String token() {
      return this == REVIEW ? REVIEW_TOKEN : LIVE_TOKEN;
    }
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("spellings")
  void protectedEndpoint_inAnySpelling_withoutTheToken_isNeverServed(Endpoint endpoint, String spelling,
      UnaryOperator<String> spell) throws Exception {
    String path = spell.apply(endpoint.path);
    String status = RawConnection.statusOf(port, endpoint.request(path, ""));
    assertThat(status).as("%s as %s", endpoint, path).doesNotContain(" 200 ").doesNotContain(" 101 ")
        .matches("HTTP/1\\.1 (400|401|404|405|406|415) .*");
    String wrongToken = RawConnection.statusOf(port, endpoint.request(path, "Authorization: Bearer " + endpoint.token() + "x\r\n"));
    assertThat(wrongToken).as("%s as %s, a wrong token", endpoint, path).doesNotContain(" 200 ").doesNotContain(" 101 ");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void protectedEndpoint_asWritten_withTheToken_isServed(Endpoint endpoint) throws Exception {
    awaitOpen("live-ws", 0);
    String status = RawConnection.statusOf(port, endpoint.request(endpoint.path, "Authorization: Bearer " + endpoint.token() + "\r\n"));
    assertThat(status).as("the table above can fail: the endpoint answers with its token").matches("HTTP/1\\.1 (200|101) .*");
  }

  static Stream<Endpoint> endpoints() {
    return Stream.of(Endpoint.values());
  }

  // --- WebSocket connection bounds ---------------------------------------------------------------

  @Test
  void ingestSockets_aboveThePerAddressBound_areRefusedWith429_beforeTheUpgrade() throws Exception {
    double refusedBefore = refused("ingest-ws", "address");
    List<RawWebSocket> open = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        open.add(helloed(RawWebSocket.open(port, "/ingest/ws")));
      }
      try (RawWebSocket fourth = RawWebSocket.open(port, "/ingest/ws")) {
        assertThat(fourth.status()).startsWith("HTTP/1.1 429");
      }
      assertThat(refused("ingest-ws", "address")).isEqualTo(refusedBefore + 1);
      open.remove(0).close();
      awaitOpen("ingest-ws", 2);
      try (RawWebSocket again = RawWebSocket.open(port, "/ingest/ws")) {
        assertThat(again.upgraded()).as("a closed socket frees its place").isTrue();
      }
    } finally {
      closeAll(open);
    }
  }

  @Test
  void ingestSockets_aboveTheGatewayBound_areRefusedWith503_whateverTheirAddress() throws Exception {
    awaitOpen("ingest-ws", 0);
    double refusedBefore = refused("ingest-ws", "gateway");
    List<RawWebSocket> open = new ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        // through the trusted proxy (127.0.0.1): each from its own client address
        open.add(helloed(RawWebSocket.open(port, "/ingest/ws", "X-Forwarded-For: 203.0.113." + i + "\r\n")));
        assertThat(open.get(i).upgraded()).isTrue();
      }
      try (RawWebSocket seventh = RawWebSocket.open(port, "/ingest/ws", "X-Forwarded-For: 203.0.113.99\r\n")) {
        assertThat(seventh.status()).startsWith("HTTP/1.1 503");
      }
      assertThat(refused("ingest-ws", "gateway")).isEqualTo(refusedBefore + 1);
    } finally {
      closeAll(open);
    }
  }

  @Test
  void liveSockets_aboveThePerAddressBound_areRefusedWith429() throws Exception {
    String path = "/live/ws?streams=pages&token=" + LIVE_TOKEN;
    awaitOpen("live-ws", 0);
    double refusedBefore = refused("live-ws", "address");
    try (RawWebSocket first = RawWebSocket.open(port, path); RawWebSocket second = RawWebSocket.open(port, path)) {
      assertThat(first.upgraded()).as(first.status()).isTrue();
      assertThat(second.status()).startsWith("HTTP/1.1 429");
    }
    assertThat(refused("live-ws", "address")).isEqualTo(refusedBefore + 1);
  }

  @Test
  void socketThatNeverSaysHello_isClosedAfterTheHelloDeadline() throws Exception {
    try (RawWebSocket silent = RawWebSocket.open(port, "/ingest/ws")) {
      assertThat(silent.upgraded()).isTrue();
      long start = System.nanoTime();
      assertThat(silent.awaitClose(Duration.ofSeconds(10))).isEqualTo(4408);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void refusedMessages_areNotActivity_theSocketIsClosedWhenIdle() throws Exception {
    try (RawWebSocket socket = helloed(RawWebSocket.open(port, "/ingest/ws"))) {
      long start = System.nanoTime();
      int code = 0;
      for (int i = 0; i < 12 && code == 0; i++) {
        socket.sendText("{\"q\":1,\"e\":[[99,0]]}");
        code = socket.awaitClose(Duration.ofMillis(700));
      }
      assertThat(code).as("closed as idle although it sent a refused message every 0.7 s").isEqualTo(4408);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    }
  }

  @Test
  void socketThatKeepsSendingRefusedMessages_isClosedAfterTheBound() throws Exception {
    try (RawWebSocket socket = helloed(RawWebSocket.open(port, "/ingest/ws"))) {
      for (int i = 0; i < 10; i++) {
        socket.sendText("{\"q\":1,\"e\":[[99,0]]}");
      }
      assertThat(socket.awaitClose(Duration.ofSeconds(2))).isEqualTo(1008);
      assertThat(socket.texts()).hasSize(10).allMatch(t -> t.startsWith("{\"error\":"));
    }
  }

  @Test
  void socketWithAHello_thatKeepsSending_outlivesTheHttpTimeouts() throws Exception {
    try (RawWebSocket socket = helloed(RawWebSocket.open(port, "/ingest/ws"))) {
      long t0 = System.currentTimeMillis();
      for (int q = 1; q <= 6; q++) {
        socket.sendText("{\"q\":" + q + ",\"p\":1,\"t0\":" + t0 + ",\"img\":[\"n0/a\"],\"e\":[[2," + q + ",0,10,10]]}");
        assertThat(socket.awaitClose(Duration.ofSeconds(1))).as("still open after %s s", q).isZero();
      }
      assertThat(socket.texts()).contains("{\"ack\":6}");
    }
  }

  // --- slow HTTP ----------------------------------------------------------------------------------

  @Test
  void partialRequestLine_isClosed() throws Exception {
    try (RawConnection connection = new RawConnection(port)) {
      connection.send("GET /api/cla");
      assertThat(connection.closedWithin(Duration.ofSeconds(6))).isTrue();
    }
  }

  @Test
  void trickledHeaders_areClosed() throws Exception {
    try (RawConnection connection = new RawConnection(port)) {
      connection.send("GET /api/classes HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
      boolean closed = false;
      for (int i = 0; i < 16 && !closed; i++) {
        connection.send("a");
        closed = connection.closedWithin(Duration.ofMillis(500));
      }
      assertThat(closed).as("one header byte every 0.5 s for 8 s").isTrue();
    }
  }

  @Test
  void stalledBody_isClosed() throws Exception {
    try (RawConnection connection = new RawConnection(port)) {
      connection.send("POST /ingest/frames HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1000000\r\n\r\n{\"hello\":" + "x".repeat(1000));
      assertThat(connection.closedWithin(Duration.ofSeconds(8))).isTrue();
    }
  }

  @Test
  void trickledBody_isClosed() throws Exception {
    try (RawConnection connection = new RawConnection(port)) {
      connection.send("POST /ingest/frames HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1000000\r\n\r\n{");
      boolean closed = false;
      for (int i = 0; i < 10 && !closed; i++) {
        connection.send("x");
        closed = connection.closedWithin(Duration.ofMillis(1000));
      }
      assertThat(closed).as("one body byte a second for 10 s").isTrue();
    }
  }

  // --- secrets and exposure ----------------------------------------------------------------------

  @Test
  void health_onThePublicPort_showsNoDetails() throws Exception {
    try (RawConnection connection = new RawConnection(port)) {
      connection.send("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      connection.closedWithin(Duration.ofSeconds(10));
      String received = connection.received();
      assertThat(received).startsWith("HTTP/1.1 200");
      String body = received.substring(received.indexOf("\r\n\r\n") + 4);
      assertThat(body).as("status (and the names of the probe groups), no components, no details")
          .isIn("{\"status\":\"UP\"}", "{\"groups\":[\"liveness\",\"readiness\"],\"status\":\"UP\"}");
    }
  }

  @Test
  void publicDemoSecrets_orOneSecretForTwoPurposes_refuseToStart() {
    String demo = "demo-only-worker-id-key-change-me";
    assertThatThrownBy(() -> GatewayApplication.builder().run(args("--byproduct.gateway.worker-id-key=" + demo)).close())
        .rootCause().hasMessageContaining("byproduct.gateway.worker-id-key is a public demo value")
        .message().doesNotContain(demo);
    assertThatThrownBy(() -> GatewayApplication.builder().run(args("--byproduct.gateway.worker-id-key=" + KEY,
        "--byproduct.gateway.live.token=one-token-for-everything-0123", "--byproduct.gateway.review.token=one-token-for-everything-0123"))
        .close())
        .rootCause().hasMessageContaining("byproduct.gateway.review.token has the same value as byproduct.gateway.live.token");
  }

  private static String[] args(String... more) {
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--byproduct.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--byproduct.dynamo.endpoint=" + dynamo.endpoint(), "--byproduct.gateway.survey-code-key=" + SURVEY_CODE_KEY));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  // --- helpers ------------------------------------------------------------------------------------

  static RawWebSocket helloed(RawWebSocket socket) throws Exception {
    assertThat(socket.upgraded()).as(socket.status()).isTrue();
    String id = UUID.randomUUID().toString();
    String capability = new AssignmentBinding(KEY).capability("a-" + id, "demo", "hit-1",
        new WorkerPseudonyms(KEY).pseudonymise("EDGEWORKER"), "asg", "mt");
    socket.sendText("{\"hello\":{\"v\":1,\"s\":\"s-" + id + "\",\"a\":\"a-" + id + "\",\"ds\":\"demo\",\"h\":\"hit-1\","
        + "\"w\":\"EDGEWORKER\",\"as\":\"asg\",\"hi\":\"mt\",\"ver\":\"POINTER_ORIGINAL\",\"k\":\"" + capability + "\"}}");
    return socket;
  }

  private static double refused(String endpoint, String reason) {
    return gateway.getBean(MeterRegistry.class).counter("byproduct.connections.refused", "endpoint", endpoint, "reason", reason).count();
  }

  private static void awaitOpen(String endpoint, int expected) throws InterruptedException {
    MeterRegistry meters = gateway.getBean(MeterRegistry.class);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (meters.get("byproduct.connections.open").tag("endpoint", endpoint).gauge().value() > expected
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(meters.get("byproduct.connections.open").tag("endpoint", endpoint).gauge().value()).isLessThanOrEqualTo(expected);
  }

  private static void closeAll(List<RawWebSocket> sockets) throws Exception {
    for (RawWebSocket socket : sockets) {
      socket.close();
    }
  }
}
