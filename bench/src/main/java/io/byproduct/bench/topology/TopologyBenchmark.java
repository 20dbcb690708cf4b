package io.byproduct.bench.topology;

import io.byproduct.bench.script.PageScript;
import io.byproduct.bench.script.ScriptEvents;
import io.byproduct.bench.script.Worker;
import io.byproduct.bench.script.WorkerScripts;
import io.byproduct.bench.topology.TopologyRuns.Result;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.platform.config.TopicsProperties;
import io.byproduct.platform.topics.TopicProvisioner;
import io.byproduct.schemas.batch.Batches;
import io.byproduct.schemas.batch.InteractionBatch;
import io.byproduct.schemas.batch.InteractionRecords;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.topics.Topics;
import io.byproduct.streamprocessor.topology.CaptureOptions;
import io.byproduct.streamprocessor.topology.CaptureTopology;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.Topology;

/**
 * Events per second on one broker, in one run: a bare idempotent producer writing the simulated
 * workers' events (the baseline of the gateway), a pass-through topology copying them under
 * exactly-once (the baseline of the aggregation), and the capture topology folding them.
 */
public final class TopologyBenchmark {

  private final int workers;
  private final int pages;
  private final int partitions;
  private final boolean perEvent;
  private final PrintStream out;

  /** How often the simulated page sends a frame (the system benchmark's default). */
  static final long FLUSH_MS = 500;

  /** @param perEvent write one record per event (the format before issue 22) instead of one batch per frame */
  public TopologyBenchmark(int workers, int pages, int partitions, boolean perEvent, PrintStream out) {
    this.workers = workers;
    this.pages = pages;
    this.partitions = partitions;
    this.perEvent = perEvent;
    this.out = out;
  }

  /** Events of {@code workers} workers doing {@code pages} pages each, interleaved as they would arrive. */
  public static List<InteractionEvent> simulatedEvents(int workers, int pages, long seed) {
    List<List<InteractionEvent>> perWorker = perWorker(workers, pages, seed);
    List<InteractionEvent> interleaved = new ArrayList<>();
    int[] next = new int[workers];
    boolean any = true;
    while (any) {
      any = false;
      for (int w = 0; w < workers; w++) {
        List<InteractionEvent> events = perWorker.get(w);
        for (int k = 0; k < 20 && next[w] < events.size(); k++) {
          interleaved.add(events.get(next[w]++));
          any = true;
        }
      }
    }
    return interleaved;
  }

  /**
   * The same workers' events as the gateway writes them: each worker's frames (what its page sends
   * every {@code flushMs}, split at page boundaries; a frame's events share its last event's time
   * as their gateway time) as one {@link InteractionBatch} each, the workers' frames interleaved.
   */
  public static List<InteractionBatch> simulatedBatches(int workers, int pages, long seed, long flushMs) {
    List<List<InteractionBatch>> perWorker = new ArrayList<>();
    for (List<InteractionEvent> events : perWorker(workers, pages, seed)) {
      List<InteractionBatch> frames = new ArrayList<>();
      int start = 0;
      while (start < events.size()) {
        InteractionEvent first = events.get(start);
        int end = start;
        while (end < events.size() && end - start < 2000 && events.get(end).getPageNo() == first.getPageNo()
            && events.get(end).getClientTime() - first.getClientTime() < flushMs) {
          end++;
        }
        List<InteractionEvent> frame = events.subList(start, end);  // this worker's own copies: stamped in place
        long gatewayTime = frame.get(frame.size() - 1).getClientTime();
        frame.forEach(e -> e.setGatewayTime(gatewayTime));
        frames.add(Batches.pack(frame));
        start = end;
      }
      perWorker.add(frames);
    }
    List<InteractionBatch> interleaved = new ArrayList<>();
    for (int k = 0; interleaved.size() < perWorker.stream().mapToInt(List::size).sum(); k++) {
      for (List<InteractionBatch> frames : perWorker) {
        if (k < frames.size()) {
          interleaved.add(frames.get(k));
        }
      }
    }
    return interleaved;
  }

  /** Bytes of the values on 'interactions' per event (Avro single-object encoding, before Kafka's compression), in either format. */
  private void printValueBytes(List<InteractionEvent> events, List<InteractionBatch> batches) {
    long perEventBytes = events.stream().mapToLong(e -> InteractionRecords.events().encode(e).length).sum();
    long batchBytes = batches.stream().mapToLong(b -> InteractionRecords.batches().encode(b).length).sum();
    out.printf("  value bytes per event on interactions: %.1f one record per event, %.1f in batches (%.1f x fewer)%n",
        perEventBytes / (double) events.size(), batchBytes / (double) events.size(), perEventBytes / (double) batchBytes);
  }

  private static List<List<InteractionEvent>> perWorker(int workers, int pages, long seed) {
    WorkerScripts scripts = new WorkerScripts(seed);
    List<List<InteractionEvent>> perWorker = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      Worker worker = new Worker("ann-" + w, "sess-" + w, "bench", "hit-" + w, "W" + w, "A" + w, "H" + w,
          InterfaceVersion.POINTER_ORIGINAL);
      List<InteractionEvent> events = new ArrayList<>();
      long t = 1_700_000_000_000L + w * 37L;
      for (int p = 1; p <= pages; p++) {
        List<String> images = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
          images.add("n0" + (1000000 + p) + "/img_" + w + "_" + p + "_" + i);
        }
        PageScript page = scripts.page(p, images, t, 12, pages);
        events.addAll(ScriptEvents.of(page, worker, events.size() + 1, "P" + w));
        t = page.actions().get(page.actions().size() - 1).time() + 500;
      }
      perWorker.add(events);
    }
    return perWorker;
  }

  public List<Result> run() throws Exception {
    List<InteractionEvent> events = simulatedEvents(workers, pages, 42);
    List<InteractionBatch> batches = perEvent ? List.of() : simulatedBatches(workers, pages, 42, FLUSH_MS);
    out.printf("Simulated %d workers x %d pages: %,d events (%,d pointer samples), written %s%n", workers, pages,
        events.size(), events.stream().filter(e -> e.getPayload() instanceof io.byproduct.schemas.event.PointerSample).count(),
        perEvent ? "one record per event (InteractionEvent)"
            : String.format("as %,d batches (InteractionBatch, frames of %d ms)", batches.size(), FLUSH_MS));
    printValueBytes(events, perEvent ? simulatedBatches(workers, pages, 42, FLUSH_MS) : batches);
    List<Result> results = new ArrayList<>();
    try (LocalKafka kafka = LocalKafka.start()) {
      Topics topics = Topics.withPrefix("bench.");
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        new TopicProvisioner(admin, topics, new TopicsProperties("bench.", partitions, Map.of(), (short) 1),
            kafka.bootstrapServers(), Duration.ofSeconds(30)).createMissing();
        admin.createTopics(List.of(new NewTopic("bench.passthrough", partitions, (short) 1))).all().get();
        // a fresh partition's first writes can fail out of order (see BENCHMARKS.md): list its offsets first,
        // which its leader answers only once it leads (the admin client retries NOT_LEADER_OR_FOLLOWER)
        TopologyRuns.awaitLeading(admin, topics.interactions.name(), partitions);
        TopologyRuns.awaitLeading(admin, "bench.passthrough", partitions);

        results.add(perEvent ? TopologyRuns.bareProducer(kafka.bootstrapServers(), topics.interactions, events)
            : TopologyRuns.bareProducerOfBatches(kafka.bootstrapServers(), topics.interactionBatches, batches, events.size()));
        out.printf("  %-40s %,12.0f events/s%n", results.get(0).name(), results.get(0).eventsPerSecond());

        Map<TopicPartition, Long> ends = TopologyRuns.endOffsets(admin, topics.interactions.name(), partitions);
        Result passThrough = TopologyRuns.drain("pass-through topology (exactly-once)", kafka.bootstrapServers(), admin,
            TopologyRuns.passThrough(topics.interactions.name(), "bench.passthrough"), ends, events.size());
        results.add(passThrough);
        out.printf("  %-40s %,12.0f events/s%n", passThrough.name(), passThrough.eventsPerSecond());

        Result capture = TopologyRuns.drain("capture topology (exactly-once)", kafka.bootstrapServers(), admin,
            captureTopology(topics), ends, events.size());
        results.add(capture);
        out.printf("  %-40s %,12.0f events/s   = %.2f x pass-through%n", capture.name(), capture.eventsPerSecond(),
            capture.eventsPerSecond() / passThrough.eventsPerSecond());
      }
    }
    return results;
  }


  /** The capture topology as the stream processor runs it (pages abandoned after an hour: never, here). */
  public static Topology captureTopology(Topics topics) {
    return CaptureTopology.build(topics, new CaptureOptions(Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofDays(1)), true);
  }
}
