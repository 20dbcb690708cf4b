package io.byproduct.bench.system;

import io.byproduct.bench.script.Worker;
import io.byproduct.platform.workers.AssignmentBinding;
import io.byproduct.platform.workers.WorkerPseudonyms;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures what a worker waits for the survey code: from sending the frame with the HIT's last
 * Submit until {@code GET .../survey-code} answers the code, asked as the web page asks (after its
 * events are acknowledged is not waited for here; again after a 409 with the page's back-off, 200 ms
 * doubling to 1 s, jittered). Each simulated worker's HIT is registered with as many pages as it
 * plays ({@code SystemBenchmark}), so the code is due once its last page is stored.
 */
final class SurveyCodeProbe {

  static final long GIVE_UP_MILLIS = 180_000;

  private final URI gateway;
  private final String workerIdKey;
  private final Latencies.Split latencies;
  private final ScheduledExecutorService scheduler;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final AtomicInteger asked = new AtomicInteger();
  private final AtomicInteger answered = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger outstanding = new AtomicInteger();

  SurveyCodeProbe(URI gateway, String workerIdKey, Latencies.Split latencies, ScheduledExecutorService scheduler) {
    this.gateway = gateway;
    this.workerIdKey = workerIdKey;
    this.latencies = latencies;
    this.scheduler = scheduler;
  }

  /** The worker sent its HIT's last Submit at {@code submittedNanos}: ask for its code until it comes. */
  void lastPageSubmitted(Worker w, long submittedNanos) {
    asked.incrementAndGet();
    outstanding.incrementAndGet();
    String capability = new AssignmentBinding(workerIdKey).capability(w.annotationId(), w.hitDatasetName(),
        w.imageNetHitId(), new WorkerPseudonyms(workerIdKey).pseudonymise(w.workerId()), w.assignmentId(), w.hitId());
    HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/imagenet/" + w.hitDatasetName() + "/hits/"
            + w.imageNetHitId() + "/survey-code?annotationID=" + enc(w.annotationId()) + "&workerID=" + enc(w.workerId())))
        .header("X-Byproduct-Capability", capability).timeout(Duration.ofSeconds(60)).GET().build();
    ask(request, submittedNanos, 0);
  }

  private void ask(HttpRequest request, long submittedNanos, int attempt) {
    requests.incrementAndGet();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
      long now = System.nanoTime();
      if (error == null && response.statusCode() == 200 && response.body().contains("surveyCode")) {
        latencies.record(submittedNanos, now - submittedNanos);
        answered.incrementAndGet();
        done();
      } else if ((error != null || response.statusCode() == 409 || response.statusCode() >= 500)
          && now - submittedNanos < TimeUnit.MILLISECONDS.toNanos(GIVE_UP_MILLIS)) {
        long base = Math.min(1_000, 200L << Math.min(attempt, 10));
        long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        scheduler.schedule(() -> ask(request, submittedNanos, attempt + 1), delay, TimeUnit.MILLISECONDS);
      } else {
        failed.incrementAndGet();
        done();
      }
    });
  }

  private void done() {
    outstanding.decrementAndGet();
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

  int answered() {
    return answered.get();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
