package io.byproduct.bench.gateway;

import io.byproduct.bench.script.PageScript;
import io.byproduct.bench.script.ScriptEvents;
import io.byproduct.bench.script.Worker;
import io.byproduct.bench.script.WorkerScripts;
import io.byproduct.bench.topology.TopologyRuns;
import io.byproduct.bench.wire.IngestClient;
import io.byproduct.bench.wire.WireFrames;
import io.byproduct.gateway.GatewayApplication;
import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.topics.Topics;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Events per second through the gateway (simulated workers over real WebSockets, counted when
 * acknowledged, i.e. durable in Kafka) beside a bare Kafka producer writing the same events to the
 * same broker in the same run; plus the wire bytes per pointer sample beside the original front
 * end's 70 bytes of JSON.
 */
public final class GatewayBenchmark {

  private static final String WORKER_ID_KEY = "benchmark-key-0123456789abcdef";

  /** The original front end's JSON per pointer sample, e.g. {"x":0.0092…,"y":0.646…,"time":1795689929655}. */
  public static final double ORIGINAL_BYTES_PER_SAMPLE = 70;

  private final int workers;
  private final int pages;
  private final long flushMs;
  private final PrintStream out;

  public GatewayBenchmark(int workers, int pages, long flushMs, PrintStream out) {
    this.workers = workers;
    this.pages = pages;
    this.flushMs = flushMs;
    this.out = out;
  }

  private record Session(Worker worker, List<PageScript> pages, List<WireFrames.Frame> frames) {}

  private List<Session> sessions() {
    WorkerScripts scripts = new WorkerScripts(7);
    List<Session> sessions = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (int w = 0; w < workers; w++) {
      Worker worker = new Worker("ann-" + w, "sess-" + w, "bench", "hit-" + w, "WORKER" + w, "A" + w, "H" + w,
          InterfaceVersion.POINTER_ORIGINAL);
      List<PageScript> scripted = new ArrayList<>();
      List<WireFrames.Frame> frames = new ArrayList<>();
      long t = now - 600_000 + w * 13L;
      long seq = 1;
      for (int p = 1; p <= pages; p++) {
        List<String> images = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
          images.add("n0" + (1000000 + p) + "/n0" + (1000000 + p) + "_" + (1000 + i));
        }
        PageScript page = scripts.page(p, images, t, 12, pages);
        scripted.add(page);
        List<WireFrames.Frame> pageFrames = WireFrames.frames(page, seq, flushMs);
        frames.addAll(pageFrames);
        seq = pageFrames.get(pageFrames.size() - 1).lastSeq() + 1;
        t = page.actions().get(page.actions().size() - 1).time() + 500;
      }
      sessions.add(new Session(worker, scripted, frames));
    }
    return sessions;
  }

  public void run() throws Exception {
    List<Session> sessions = sessions();
    long events = sessions.stream().mapToLong(s -> s.frames().get(s.frames().size() - 1).lastSeq()).sum();
    long samples = sessions.stream().flatMap(s -> s.pages().stream()).mapToLong(PageScript::pointerSamples).sum();
    out.printf("Simulated %d workers x %d pages: %,d events (%,d pointer samples), frames flushed every %d ms%n",
        workers, pages, events, samples, flushMs);
    wireBytes(sessions, samples);
    try (LocalKafka kafka = LocalKafka.start(); LocalDynamo dynamo = LocalDynamo.start()) {
      ConfigurableApplicationContext gateway = GatewayApplication.builder().run(
          "--server.port=0", "--spring.main.banner-mode=off",
          "--byproduct.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
          "--byproduct.dynamo.endpoint=" + dynamo.endpoint(),
          "--byproduct.provisioning.create-missing=true",
          "--byproduct.topics.partitions=2",
          "--byproduct.gateway.worker-id-key=" + WORKER_ID_KEY,
          "--byproduct.gateway.survey-code-key=benchmark-survey-code-key-0123456789",
          "--byproduct.gateway.ingest.max-frames-per-second=1000000",
          "--byproduct.gateway.ingest.frame-burst=1000000",
          // all simulated workers connect from 127.0.0.1
          "--byproduct.gateway.connections.max-ingest-per-address=100000",
          "--byproduct.gateway.connections.max-ingest=100000");
      try {
        double producer = bareProducer(kafka, sessions, events);
        out.printf("  %-44s %,12.0f events/s%n", "bare Kafka producer (acks=all, idempotent)", producer);
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        double viaGateway = throughGateway(URI.create("ws://127.0.0.1:" + port + "/ingest/ws"), sessions, events);
        out.printf("  %-44s %,12.0f events/s   = %.2f x bare producer%n",
            "gateway (" + workers + " WebSockets, counted at ack)", viaGateway, viaGateway / producer);
      } finally {
        gateway.close();
      }
    }
  }

  private void wireBytes(List<Session> sessions, long samples) {
    long text = 0;
    long deflated = 0;
    for (Session s : sessions) {
      Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
      byte[] buffer = new byte[1 << 20];
      for (WireFrames.Frame f : s.frames()) {
        byte[] bytes = f.json().getBytes(StandardCharsets.UTF_8);
        text += bytes.length;
        deflater.setInput(bytes);
        int n;
        while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
          deflated += n;
          if (n < buffer.length) {
            break;
          }
        }
      }
      deflater.end();
    }
    out.printf("  wire bytes per pointer sample: %.1f as JSON text (%.2f x the original's %.0f), %.1f with"
        + " permessage-deflate (%.2f x)%n", (double) text / samples, text / samples / ORIGINAL_BYTES_PER_SAMPLE,
        ORIGINAL_BYTES_PER_SAMPLE, (double) deflated / samples, deflated / samples / ORIGINAL_BYTES_PER_SAMPLE);
  }

  private static double bareProducer(LocalKafka kafka, List<Session> sessions, long events) {
    List<InteractionEvent> all = new ArrayList<>();
    for (Session s : sessions) {
      long seq = 1;
      for (PageScript page : s.pages()) {
        List<InteractionEvent> pageEvents = ScriptEvents.of(page, s.worker(), seq, "PSEUDONYM0123456");
        all.addAll(pageEvents);
        seq += pageEvents.size();
      }
    }
    return TopologyRuns.bareProducer(kafka.bootstrapServers(), Topics.withPrefix("").interactions, all).eventsPerSecond();
  }

  private double throughGateway(URI uri, List<Session> sessions, long events) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(sessions.size(), 64));
    long start = System.nanoTime();
    List<Future<Boolean>> done = new ArrayList<>();
    for (Session s : sessions) {
      done.add(pool.submit(() -> {
        try (IngestClient client = IngestClient.connect(uri, WireFrames.hello(s.worker(), WORKER_ID_KEY))) {
          s.frames().forEach(f -> client.send(f.json()));
          return client.awaitAck(s.frames().get(s.frames().size() - 1).lastSeq(), Duration.ofMinutes(5));
        }
      }));
    }
    for (Future<Boolean> f : done) {
      if (!f.get()) {
        throw new IllegalStateException("a simulated worker's events were not all acknowledged");
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    return events / seconds;
  }
}
