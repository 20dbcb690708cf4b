package io.byproduct.analytics.replay;

import io.byproduct.analytics.AnalyticsException;
import io.byproduct.analytics.kafka.KafkaOptions;
import io.byproduct.schemas.topics.Topics;
import io.byproduct.streamprocessor.topology.CaptureOptions;
import io.byproduct.streamprocessor.topology.CaptureTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * Runs the capture topology (exactly once, under the replay's application id and state folder) over
 * the replay's topics until a {@link Probe} says the phase is done; fails when the topology stops
 * or the probe's progress stands still for {@code stall-timeout}. Leaves the group on the way out,
 * so the next phase (same application id) need not wait for a session timeout.
 */
final class TopologyRun {

  /** How far a phase got; the same value for {@code stallTimeout} is a stall. */
  record Progress(long value) {
    static final Progress DONE = new Progress(Long.MIN_VALUE);
  }

  /** Tells how far a phase got, while the topology runs. */
  @FunctionalInterface
  interface Probe {
    Progress check() throws Exception;
  }

  private final KafkaOptions kafka;
  private final ReplaySettings settings;
  private final Topics target;
  private final String applicationId;
  private final Path stateDir;

  TopologyRun(KafkaOptions kafka, ReplaySettings settings, Topics target, String applicationId, Path stateDir) {
    this.kafka = kafka;
    this.settings = settings;
    this.target = target;
    this.applicationId = applicationId;
    this.stateDir = stateDir;
  }

  String applicationId() {
    return applicationId;
  }

  void until(CaptureOptions options, Probe probe) throws Exception {
    AtomicReference<Throwable> failed = new AtomicReference<>();
    KafkaStreams streams = new KafkaStreams(CaptureTopology.build(target, options, false), streamsConfig());
    streams.setUncaughtExceptionHandler(e -> {
      failed.compareAndSet(null, e);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    try {
      streams.start();
      Progress last = null;
      long lastChange = System.nanoTime();
      while (true) {
        KafkaStreams.State state = streams.state();
        if (failed.get() != null || state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
            || state == KafkaStreams.State.PENDING_ERROR) {
          Throwable cause = failed.get();
          throw AnalyticsException.unavailable("the replay's topology stopped: "
              + (cause == null ? state.toString() : cause.toString()), cause);
        }
        if (state == KafkaStreams.State.RUNNING) {
          Progress now = probe.check();
          if (now.equals(Progress.DONE)) {
            return;
          }
          if (!now.equals(last)) {
            last = now;
            lastChange = System.nanoTime();
          }
        }
        if (System.nanoTime() - lastChange > settings.stallTimeout().toNanos()) {
          throw AnalyticsException.unavailable("the replay made no progress for " + settings.stallTimeout().toSeconds()
              + " s (state " + state + ")", null);
        }
        Thread.sleep(250);
      }
    } finally {
      streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
          .withTimeout(Duration.ofSeconds(60)));
    }
  }

  private Properties streamsConfig() {
    Properties p = new Properties();
    p.putAll(kafka.clientProperties());
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) settings.replicationFactor());
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), CaptureTopology.MAX_RECORD_BYTES);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
    return p;
  }
}
