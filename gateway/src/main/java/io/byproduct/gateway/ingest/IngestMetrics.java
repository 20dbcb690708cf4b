package io.byproduct.gateway.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ingest's meters: {@code byproduct.ingest.accepted} (events made durable), {@code
 * byproduct.ingest.rejected{reason}} (refused messages, every reason registered at start), {@code
 * byproduct.ingest.ack.latency} (message received → ack sent) and {@code byproduct.ingest.inflight}
 * (events sent to Kafka and not yet durable, gateway-wide).
 */
final class IngestMetrics {

  private final Counter accepted;
  private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
  private final Timer ackLatency;
  private final AtomicLong inflight = new AtomicLong();

  IngestMetrics(MeterRegistry registry) {
    accepted = Counter.builder("byproduct.ingest.accepted")
        .description("Events written durably to the interactions topic")
        .register(registry);
    for (RejectReason reason : RejectReason.values()) {
      rejected.put(reason, Counter.builder("byproduct.ingest.rejected")
          .description("Messages (hellos, frames, batches) refused, by reason code")
          .tag("reason", reason.code())
          .register(registry));
    }
    ackLatency = Timer.builder("byproduct.ingest.ack.latency")
        .description("From receiving a frame to sending the ack that covers it")
        .publishPercentiles(0.5, 0.99)
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(2))
        .register(registry);
    Gauge.builder("byproduct.ingest.inflight", inflight, AtomicLong::get)
        .description("Events sent to Kafka and not yet acknowledged by it, all connections")
        .register(registry);
  }

  void accepted(int events) {
    accepted.increment(events);
  }

  void rejected(RejectReason reason) {
    rejected.get(reason).increment();
  }

  void acked(long receivedAtNanos) {
    ackLatency.record(System.nanoTime() - receivedAtNanos, TimeUnit.NANOSECONDS);
  }

  AtomicLong inflight() {
    return inflight;
  }
}
