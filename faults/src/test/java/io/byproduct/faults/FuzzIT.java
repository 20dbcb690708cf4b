package io.byproduct.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.bench.wire.IngestClient;
import io.byproduct.bench.wire.WireFrames;
import io.byproduct.localinfra.LocalKafka;
import io.micrometer.core.instrument.Counter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * More than 10,000 bad messages (seeded, reproducible: {@link FuzzMessages}) against the gateway's
 * three ingest endpoints while valid workers stream beside them: every one is refused with the
 * error the wire format names (WebSocket: one error answer each, in order, the connection staying
 * open; HTTP: 400, or 413 for a body above 1 MiB; a WebSocket message above 1 MiB: close 1009), the
 * rejected counter grows by exactly the refusals answered, nothing of them is acknowledged, the
 * gateway stays healthy, and the valid workers' pages are stored equal to the oracle.
 */
class FuzzIT {

  private static final long SEED = 20261126L;
  private static final int WS_THREADS = 2;
  private static final int WS_CONNECTIONS_PER_THREAD = 30;
  private static final int MESSAGES_PER_CONNECTION = 120;   // below the frame burst of 200
  private static final int HTTP_REQUESTS = 3_000;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir
  Path dataDir;

  /** What the fuzzing saw. */
  private static final class Tally {
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger refusalsAnswered = new AtomicInteger();
    final AtomicInteger closed1009 = new AtomicInteger();
    final List<String> wrong = new CopyOnWriteArrayList<>();
  }

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void tenThousandBadMessages_areEachRefused_whileTheValidWorkersPagesArriveIntact() throws Exception {
    List<Workload.Session> sessions = Workload.sessions(4, 2, 10, 17);
    Workload.Session fuzzSession = Workload.sessions(1, 1, 8, 18).get(0);
    try (LocalKafka kafka = LocalKafka.start();
        // each of the 120 refused messages of a connection must be answered on an open connection, and a
        // connection whose hellos are all refused stays open while its answers come: lift the bounds
        // that close such sockets (max-rejections, hello-timeout; GatewayEdgeIT tests those)
        SystemParts parts = SystemParts.start(dataDir, kafka.bootstrapServers(), Map.of(
            "byproduct.gateway.ingest.max-rejections", "100000", "byproduct.gateway.ingest.hello-timeout", "10m"))) {
      String hello = WireFrames.hello(fuzzSession.worker(), parts.workerIdKey());
      double rejectedBefore = rejected(parts);
      Tally tally = new Tally();

      List<OutboxWorker> workers = OutboxWorkers.playDuring(parts.ingestWebSocket(), parts.workerIdKey(), sessions, Duration.ofMillis(250),
          0.05, running -> {
            List<CompletableFuture<Void>> fuzzers = new ArrayList<>();
            for (int t = 0; t < WS_THREADS; t++) {
              FuzzMessages fuzz = new FuzzMessages(SEED + t, fuzzSession.frames(), hello);
              String name = "ws fuzzer " + t;
              fuzzers.add(CompletableFuture.runAsync(() -> webSockets(name, parts.ingestWebSocket(), fuzz, hello, tally)));
            }
            FuzzMessages httpFuzz = new FuzzMessages(SEED + WS_THREADS, fuzzSession.frames(), hello);
            fuzzers.add(CompletableFuture.runAsync(() -> http(parts, httpFuzz, hello, tally)));
            CompletableFuture.allOf(fuzzers.toArray(CompletableFuture[]::new)).get(6, TimeUnit.MINUTES);
          }, Duration.ofMinutes(7));

      System.out.printf("fuzz: %d bad messages sent, %d refusals answered, %d closed 1009, %d wrong%n",
          tally.sent.get(), tally.refusalsAnswered.get(), tally.closed1009.get(), tally.wrong.size());
      assertThat(tally.wrong).as("messages not refused as the wire format says").isEmpty();
      assertThat(tally.sent.get()).isGreaterThanOrEqualTo(10_000);
      assertThat(tally.refusalsAnswered.get() + tally.closed1009.get()).isEqualTo(tally.sent.get());
      assertThat(rejected(parts) - rejectedBefore).as("byproduct.ingest.rejected grew by the refusals answered")
          .isEqualTo(tally.refusalsAnswered.get());
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(parts.gatewayUrl("/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);

      assertThat(workers).as("valid workers kept their one connection").allMatch(w -> w.connections() == 1);
      ReferenceCheck.assertEveryFrameAcknowledged(workers, sessions);
      assertThat(workers).allMatch(w -> w.errors().isEmpty());
      ReferenceCheck.assertStoredPagesEqualReference(parts, sessions, Duration.ofSeconds(90));
    }
  }

  private static double rejected(SystemParts parts) {
    return parts.gatewayMeters().find("byproduct.ingest.rejected").counters().stream().mapToDouble(Counter::count).sum();
  }

  /** Connections of bad frames after a valid hello, some after a bad hello, and a few too big for the WebSocket layer. */
  private static void webSockets(String name, URI uri, FuzzMessages fuzz, String hello, Tally tally) {
    for (int c = 0; c < WS_CONNECTIONS_PER_THREAD; c++) {
      String where = name + " connection " + c;
      List<FuzzMessages.Bad> messages = new ArrayList<>();
      boolean badHello = c % 10 == 9;
      FuzzMessages.Bad refusedHello = badHello ? fuzz.badHello() : null;
      if (badHello) {
        messages.add(refusedHello);
      }
      for (int i = messages.size(); i < MESSAGES_PER_CONNECTION; i++) {
        if (badHello) {
          messages.add(i % 2 == 0 ? fuzz.frameWithoutHello() : fuzz.badHello());
        } else {
          messages.add(i == 60 && c % 3 == 0 ? fuzz.oversized() : fuzz.frame(true));
        }
      }
      FuzzMessages.Bad tooBig = c == WS_CONNECTIONS_PER_THREAD - 1 ? fuzz.oversized(4 * FuzzMessages.MAX_FRAME + 1000) : null;
      String first = badHello ? new String(refusedHello.bytes(), StandardCharsets.UTF_8) : hello;
      try (IngestClient client = IngestClient.connect(uri, first)) {
        for (FuzzMessages.Bad m : messages.subList(badHello ? 1 : 0, messages.size())) {
          if (m.binary()) {
            client.sendBinary(m.bytes());
          } else {
            client.send(new String(m.bytes(), StandardCharsets.UTF_8));
          }
        }
        tally.sent.addAndGet(messages.size());
        awaitAnswers(client, messages.size(), Duration.ofSeconds(90));
        List<JsonNode> errors = client.errors();
        tally.refusalsAnswered.addAndGet(errors.size());
        if (errors.size() != messages.size() || client.highestAck() != 0 || client.closedWith() != null) {
          tally.wrong.add(where + ": " + errors.size() + " errors for " + messages.size() + " messages, ack "
              + client.highestAck() + ", closed " + client.closedWith());
        }
        for (int i = 0; i < Math.min(errors.size(), messages.size()); i++) {
          check(where + " message " + i, messages.get(i), errors.get(i).get("code").asString(), tally);
        }
        if (tooBig != null) {
          client.send(new String(tooBig.bytes(), StandardCharsets.UTF_8));
          tally.sent.incrementAndGet();
          awaitClose(client, Duration.ofSeconds(60));
          if (client.closedWith() != null && client.closedWith().startsWith("1009")) {
            tally.closed1009.incrementAndGet();
          } else {
            tally.wrong.add(where + ": a message above 1 MiB closed the connection with " + client.closedWith());
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Bad batches to POST /ingest/frames and /ingest/beacon, half each, and a few bodies above 1 MiB. */
  private static void http(SystemParts parts, FuzzMessages fuzz, String hello, Tally tally) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String helloValue = hello.substring("{\"hello\":".length(), hello.length() - 1);
    for (int r = 0; r < HTTP_REQUESTS; r++) {
      boolean beacon = r % 2 == 1;
      String body;
      String expected;
      int status = 400;
      int pick = fuzz.random().nextInt(20);
      if (r % 600 == 599) {
        body = "{\"hello\":" + helloValue + ",\"frames\":[" + new String(fuzz.oversized(1024 * 1024).bytes(),
            StandardCharsets.UTF_8) + "]}";
        expected = "oversized-frame";
        status = 413;
      } else if (pick == 0) {
        body = "{\"frames\":[" + fuzz.validFrame() + "]}";
        expected = "missing-hello";
      } else if (pick == 1) {
        FuzzMessages.Bad badHello = fuzz.badHello();
        String bad = new String(badHello.bytes(), StandardCharsets.UTF_8);
        body = bad.substring(0, bad.length() - 1) + ",\"frames\":[" + fuzz.validFrame() + "]}";
        expected = badHello.expectedCode();
        status = "forbidden".equals(expected) ? 403 : 400;
      } else if (pick == 2) {
        body = List.of("[]", "1", "\"x\"", "null", "true").get(fuzz.random().nextInt(5));
        expected = "invalid-field";
      } else if (pick == 3) {
        body = "{\"hello\":" + helloValue + ",\"frames\":[],\"x\":1}";
        expected = "invalid-field";
      } else {
        FuzzMessages.Bad bad = fuzz.frame(false);
        String frames = (fuzz.random().nextBoolean() ? fuzz.validFrame() + "," : "")
            + new String(bad.bytes(), StandardCharsets.ISO_8859_1);
        body = "{\"hello\":" + helloValue + ",\"frames\":[" + frames + "]}";
        expected = bad.expectedCode();
      }
      HttpRequest request = HttpRequest.newBuilder(parts.gatewayUrl(beacon ? "/ingest/beacon" : "/ingest/frames"))
          .header("Content-Type", beacon ? "text/plain;charset=UTF-8" : "application/json")
          .timeout(Duration.ofSeconds(60))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.ISO_8859_1)))
          .build();
      tally.sent.incrementAndGet();
      String where = "http request " + r;
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status) {
          tally.wrong.add(where + ": status " + response.statusCode() + " " + response.body());
          continue;
        }
        tally.refusalsAnswered.incrementAndGet();
        check(where, new FuzzMessages.Bad("http", new byte[0], false, expected),
            JSON.readTree(response.body()).get("error").get("code").asString(), tally);
      } catch (java.io.IOException e) {
        tally.wrong.add(where + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static void check(String where, FuzzMessages.Bad message, String code, Tally tally) {
    boolean right = message.expectedCode() == null
        ? !"internal-error".equals(code) && code != null
        : message.expectedCode().equals(code);
    if (!right) {
      tally.wrong.add(where + " (" + message.kind() + "): expected " + message.expectedCode() + ", answered " + code);
    }
  }

  private static void awaitAnswers(IngestClient client, int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (client.errors().size() < count && client.closedWith() == null && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(50);     // an unexpected extra answer or ack would show now
  }

  private static void awaitClose(IngestClient client, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (client.closedWith() == null && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }
}
