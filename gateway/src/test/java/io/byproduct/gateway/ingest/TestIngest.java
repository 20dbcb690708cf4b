package io.byproduct.gateway.ingest;

import io.byproduct.platform.workers.AssignmentBinding;
import io.byproduct.platform.workers.WorkerPseudonyms;
import io.byproduct.schemas.batch.Batches;
import io.byproduct.schemas.batch.InteractionBatch;
import io.byproduct.schemas.batch.InteractionRecords;
import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.springframework.util.unit.DataSize;
import reactor.core.scheduler.Schedulers;

/** The ingest wired on MockProducers and a fixed clock, for unit tests. */
final class TestIngest {

  static final long NOW = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  static final String KEY = "test-worker-id-key-0123456789";
  static final WorkerPseudonyms PSEUDONYMS = new WorkerPseudonyms(KEY);
  static final AssignmentBinding BINDING = new AssignmentBinding(KEY);

  final Topics topics = Topics.defaults();
  /** The interactions producer: one record per frame (an InteractionBatch); {@link #sentEvents} unfolds them. */
  final MockProducer<String, SpecificRecord> events;
  final MockProducer<String, DeadLetter> deadLetters = new MockProducer<>(true, null,
      topics.deadLetters.keySerde().serializer(), topics.deadLetters.valueSerde().serializer());
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final IngestMetrics metrics = new IngestMetrics(registry);
  final IngestProperties properties;
  final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
  final HelloDecoder hellos = new HelloDecoder(PSEUDONYMS, BINDING);
  final FrameDecoder frames;
  final IngestServices services;

  TestIngest(IngestProperties properties, boolean autoComplete) {
    this.properties = properties;
    this.events = new MockProducer<>(autoComplete, null,
        topics.interactions.keySerde().serializer(), InteractionRecords.serializer());
    this.frames = new FrameDecoder(properties);
    this.services = new IngestServices(new MessageDecoder(hellos, frames, properties, clock),
        new EventPublisher(events, topics.interactions.name()),
        new DeadLetters(deadLetters, topics.deadLetters.name(), new WorkerIdScrubber(PSEUDONYMS), clock, Schedulers.immediate()),
        metrics, properties, Schedulers.immediate());
  }

  /** The defaults with other frame size, events per frame and rate limits. */
  static IngestProperties limits(long maxFrameBytes, int maxEventsPerFrame, int framesPerSecond, int frameBurst) {
    IngestProperties d = IngestProperties.defaults();
    return new IngestProperties(DataSize.ofBytes(maxFrameBytes), maxEventsPerFrame, d.maxBatchSize(), d.maxClockSkew(),
        d.maxEventOffset(), d.maxInflightEvents(), framesPerSecond, frameBurst, d.idleTimeout(), d.websocketCompression(),
        d.producer(), d.helloTimeout(), d.maxRejections());
  }

  static TestIngest withDefaults() {
    return new TestIngest(IngestProperties.defaults(), true);
  }

  /** The events sent so far, batches unfolded, in the order sent. */
  List<InteractionEvent> sentEvents() {
    List<InteractionEvent> sent = new ArrayList<>();
    for (var record : events.history()) {
      sent.addAll(record.value() instanceof InteractionBatch batch ? Batches.unfold(batch)
          : List.of((InteractionEvent) record.value()));
    }
    return sent;
  }

  MessageDecoder decoder() {
    return services.decoder();
  }

  double rejected(String reason) {
    return registry.get("byproduct.ingest.rejected").tag("reason", reason).counter().count();
  }

  static InboundMessage message(String text) {
    return InboundMessage.of(text.getBytes(StandardCharsets.UTF_8));
  }

  static String hello(String sessionId, String annotationId) {
    return "{\"hello\":{\"v\":1,\"s\":\"" + sessionId + "\",\"a\":\"" + annotationId + "\",\"ds\":\"demo\",\"h\":\"hit-1\","
        + "\"w\":\"A1RAWWORKER\",\"as\":\"asg-1\",\"hi\":\"mturk-hit-1\",\"ver\":\"POINTER_NO_ORIGINAL\","
        + "\"k\":\"" + capability(annotationId, "demo", "hit-1", "A1RAWWORKER", "asg-1", "mturk-hit-1") + "\"}}";
  }

  /** The capability the gateway issues for these ids (raw worker id), under {@link #KEY}. */
  static String capability(String annotationId, String dataset, String hit, String rawWorker, String assignment,
      String mturkHit) {
    return BINDING.capability(annotationId, dataset, hit, PSEUDONYMS.pseudonymise(rawWorker), assignment, mturkHit);
  }

  /** A frame of {@code count} pointer samples over image 0 of a one-image table. */
  static String pointerFrame(long q, int count) {
    StringBuilder e = new StringBuilder();
    for (int k = 0; k < count; k++) {
      e.append(k == 0 ? "" : ",").append("[2,").append(k % 1000).append(",0,").append(k % 10001).append(",5000]");
    }
    return "{\"q\":" + q + ",\"p\":1,\"t0\":" + NOW + ",\"img\":[\"img-0\"],\"e\":[" + e + "]}";
  }
}
