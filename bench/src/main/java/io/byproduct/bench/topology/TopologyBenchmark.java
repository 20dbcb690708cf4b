package io.byproduct.bench.topology;

import io.byproduct.bench.script.PageScript;
import io.byproduct.bench.script.ScriptEvents;
import io.byproduct.bench.script.Worker;
import io.byproduct.bench.script.WorkerScripts;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.platform.config.TopicsProperties;
import io.byproduct.platform.topics.TopicProvisioner;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.topics.Topics;
import io.byproduct.streamprocessor.topology.CaptureOptions;
import io.byproduct.streamprocessor.topology.CaptureTopology;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Events per second on one broker, in one run: a bare idempotent producer writing the simulated
 * workers' events (the baseline of the gateway), a pass-through topology copying them under
 * exactly-once (the baseline of the aggregation), and the capture topology folding them.
 */
public final class TopologyBenchmark {

  /** One measured throughput. */
  public record Result(String name, long events, double seconds) {
    public double eventsPerSecond() {
      return events / seconds;
    }
  }

  private final int workers;
  private final int pages;
  private final int partitions;
  private final PrintStream out;

  public TopologyBenchmark(int workers, int pages, int partitions, PrintStream out) {
    this.workers = workers;
    this.pages = pages;
    this.partitions = partitions;
    this.out = out;
  }

  /** Events of {@code workers} workers doing {@code pages} pages each, interleaved as they would arrive. */
  public static List<InteractionEvent> simulatedEvents(int workers, int pages, long seed) {
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

  public List<Result> run() throws Exception {
    List<InteractionEvent> events = simulatedEvents(workers, pages, 42);
    out.printf("Simulated %d workers x %d pages: %,d events (%,d pointer samples)%n", workers, pages, events.size(),
        events.stream().filter(e -> e.getPayload() instanceof io.byproduct.schemas.event.PointerSample).count());
    List<Result> results = new ArrayList<>();
    try (LocalKafka kafka = LocalKafka.start()) {
      Topics topics = Topics.withPrefix("bench.");
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        new TopicProvisioner(admin, topics, new TopicsProperties("bench.", partitions, Map.of(), (short) 1),
            kafka.bootstrapServers(), Duration.ofSeconds(30)).createMissing();
        admin.createTopics(List.of(new NewTopic("bench.passthrough", partitions, (short) 1))).all().get();

        results.add(produce(kafka, topics, events));
        out.printf("  %-40s %,12.0f events/s%n", results.get(0).name(), results.get(0).eventsPerSecond());

        Result passThrough = drain("pass-through topology (exactly-once)", kafka, admin, topics,
            passThrough(topics), events.size());
        results.add(passThrough);
        out.printf("  %-40s %,12.0f events/s%n", passThrough.name(), passThrough.eventsPerSecond());

        Result capture = drain("capture topology (exactly-once)", kafka, admin, topics,
            CaptureTopology.build(topics, new CaptureOptions(Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofDays(1)), true),
            events.size());
        results.add(capture);
        out.printf("  %-40s %,12.0f events/s   = %.2f x pass-through%n", capture.name(), capture.eventsPerSecond(),
            capture.eventsPerSecond() / passThrough.eventsPerSecond());
      }
    }
    return results;
  }

  private Result produce(LocalKafka kafka, Topics topics, List<InteractionEvent> events) throws Exception {
    Map<String, Object> config = Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all",
        "enable.idempotence", true, "linger.ms", 5, "compression.type", "lz4");
    try (KafkaProducer<String, InteractionEvent> producer = new KafkaProducer<>(config,
        topics.interactions.keySerde().serializer(), topics.interactions.valueSerde().serializer())) {
      long start = System.nanoTime();
      for (InteractionEvent e : events) {
        producer.send(new ProducerRecord<>(topics.interactions.name(), e.getAnnotationId(), e));
      }
      producer.flush();
      return new Result("bare Kafka producer (acks=all, idempotent)", events.size(), (System.nanoTime() - start) / 1e9);
    }
  }

  private static Topology passThrough(Topics topics) {
    Topology topology = new Topology();
    topology.addSource("source", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), topics.interactions.name());
    topology.addSink("sink", "bench.passthrough", Serdes.String().serializer(), Serdes.ByteArray().serializer(), "source");
    return topology;
  }

  /** Runs a topology from the start of the input until it has committed every input record. */
  private Result drain(String name, LocalKafka kafka, Admin admin, Topics topics, Topology topology, long events)
      throws Exception {
    String applicationId = "bench-" + name.replaceAll("[^a-z]", "");
    Path state = Files.createTempDirectory("bench-state-");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    props.put(StreamsConfig.producerPrefix("max.request.size"), CaptureTopology.MAX_RECORD_BYTES);
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 128L * 1024 * 1024);  // as the stream processor
    Map<TopicPartition, Long> ends = admin.listOffsets(
        java.util.stream.IntStream.range(0, partitions).boxed()
            .collect(Collectors.toMap(p -> new TopicPartition(topics.interactions.name(), p), p -> OffsetSpec.latest())))
        .all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    try (KafkaStreams streams = new KafkaStreams(topology, props)) {
      long start = System.nanoTime();
      streams.start();
      while (!caughtUp(admin, applicationId, ends)) {
        TimeUnit.MILLISECONDS.sleep(50);
        if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(10)) {
          throw new IllegalStateException(name + " did not finish within 10 minutes");
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      streams.close(Duration.ofSeconds(30));
      return new Result(name, events, seconds);
    }
  }

  private static boolean caughtUp(Admin admin, String group, Map<TopicPartition, Long> ends) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      OffsetAndMetadata offset = committed.get(end.getKey());
      if (offset == null || offset.offset() < end.getValue()) {
        return false;
      }
    }
    return true;
  }
}
