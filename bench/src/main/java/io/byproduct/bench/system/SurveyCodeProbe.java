package io.byproduct.bench.system;

import io.byproduct.bench.script.Worker;
import io.byproduct.platform.workers.AssignmentBinding;
import io.byproduct.platform.workers.WorkerPseudonyms;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Measures what a worker waits for the survey code: from sending the frame with the HIT's last
 * Submit until {@code GET .../survey-code} answers the code, asked as the web page asks (again after
 * a 409 with the page's back-off, 250 ms doubling to 2 s, jittered; the gateway holds a request
 * while the pages are being stored). Each simulated worker's HIT is registered with as many pages
 * as it plays ({@code SystemBenchmark}), so the code is due once they are stored. Non-blocking, on
 * the load generator's event loops.
 */
final class SurveyCodeProbe implements AutoCloseable {

  static final long GIVE_UP_MILLIS = 180_000;

  private record Answer(int status, String body) {}

  private final String workerIdKey;
  private final Latencies.Split latencies;
  /** Idle connections are dropped before the gateway's 60 s request-head deadline would close them under us. */
  private final ConnectionProvider connections = ConnectionProvider.builder("bench-codes").maxConnections(1_000)
      .maxIdleTime(Duration.ofSeconds(5)).pendingAcquireMaxCount(-1).build();
  private final HttpClient http;
  private final AtomicInteger asked = new AtomicInteger();
  private final AtomicInteger answered = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger outstanding = new AtomicInteger();
  private volatile boolean closed;

  SurveyCodeProbe(URI gateway, String workerIdKey, Latencies.Split latencies, LoopResources loops) {
    this.workerIdKey = workerIdKey;
    this.latencies = latencies;
    this.http = HttpClient.create(connections).runOn(loops).baseUrl(gateway.toString())
        .responseTimeout(Duration.ofSeconds(60));
  }

  /** The worker sent its HIT's last Submit at {@code submittedNanos}: ask for its code until it comes. */
  void lastPageSubmitted(Worker w, long submittedNanos) {
    asked.incrementAndGet();
    outstanding.incrementAndGet();
    String capability = new AssignmentBinding(workerIdKey).capability(w.annotationId(), w.hitDatasetName(),
        w.imageNetHitId(), new WorkerPseudonyms(workerIdKey).pseudonymise(w.workerId()), w.assignmentId(), w.hitId());
    String uri = "/api/imagenet/" + w.hitDatasetName() + "/hits/" + w.imageNetHitId() + "/survey-code?annotationID="
        + enc(w.annotationId()) + "&workerID=" + enc(w.workerId());
    ask(uri, capability, submittedNanos, 0);
  }

  private void ask(String uri, String capability, long submittedNanos, int attempt) {
    if (closed) {
      return;
    }
    requests.incrementAndGet();
    http.headers(h -> h.add("X-Byproduct-Capability", capability)).get().uri(uri)
        .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
            .map(text -> new Answer(response.status().code(), text)))
        .onErrorResume(e -> Mono.just(new Answer(0, String.valueOf(e))))
        .subscribe(answer -> {
          long now = System.nanoTime();
          if (answer.status() == 200 && answer.body().contains("surveyCode")) {
            latencies.record(submittedNanos, now - submittedNanos);
            answered.incrementAndGet();
            outstanding.decrementAndGet();
          } else if ((answer.status() == 0 || answer.status() == 409 || answer.status() >= 500)
              && now - submittedNanos < TimeUnit.MILLISECONDS.toNanos(GIVE_UP_MILLIS)) {
            long base = Math.min(2_000, 250L << Math.min(attempt, 10));
            long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
            Mono.delay(Duration.ofMillis(delay)).subscribe(t -> ask(uri, capability, submittedNanos, attempt + 1));
          } else {
            failed.incrementAndGet();
            outstanding.decrementAndGet();
          }
        });
  }

  /** Waits until every code asked for so far came or was given up. */
  void awaitAll(long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (outstanding.get() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
  }

  /** e.g. "1,000 of 1,000 codes, 0 refused or given up, 2,345 requests". */
  String summary() {
    return String.format("%,d of %,d codes, %,d refused or given up, %,d requests", answered.get(), asked.get(),
        failed.get(), requests.get());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    closed = true;   // no more retries; what is still held is dropped with its connection
    connections.disposeLater().onErrorComplete().block(Duration.ofSeconds(5));
  }
}
