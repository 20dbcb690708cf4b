package io.byproduct.streamprocessor.app;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How often the stream processor commits and how its producers batch
 * ({@code byproduct.stream-processor.tuning.*}). Under exactly-once every commit is a transaction:
 * the stream thread flushes its producer, sends the consumed offsets and ends the transaction, and
 * waits for the broker each time; the outputs (pages for the page assembler) become visible to
 * {@code read_committed} readers only then. See BENCHMARKS.md for the profile behind the defaults.
 *
 * @param commitInterval how often a stream thread commits: 250 ms (Kafka Streams' default under
 *     exactly-once is 100 ms; the profile showed the stream thread parked in commits about half of
 *     its time). Longer: fewer transactions, outputs later by up to as much
 * @param producerLinger how long the producers wait to fill a batch: 20 ms (Kafka Streams' default
 *     is 100 ms, so batches were sent only when the commit flushed them, and the commit waited for
 *     their whole round trip)
 * @param producerBatchSize most bytes of one producer batch per partition: 64 KB (Kafka's default
 *     16 KB; fewer batches in flight per partition also means fewer of the retried
 *     {@code OutOfOrderSequenceException}s of BENCHMARKS.md)
 */
@Validated
@ConfigurationProperties("byproduct.stream-processor.tuning")
public record StreamsTuning(
    @NotNull @DefaultValue("250ms") Duration commitInterval,
    @NotNull @DefaultValue("20ms") Duration producerLinger,
    @NotNull @DefaultValue("64KB") DataSize producerBatchSize) {

  public StreamsTuning {
    if (commitInterval != null && (commitInterval.toMillis() < 10 || commitInterval.toSeconds() > 30)) {
      throw new IllegalArgumentException("byproduct.stream-processor.tuning.commit-interval: 10ms..30s, not "
          + commitInterval);
    }
    if (producerLinger != null && (producerLinger.isNegative() || producerLinger.toSeconds() > 5)) {
      throw new IllegalArgumentException("byproduct.stream-processor.tuning.producer-linger: 0..5s, not " + producerLinger);
    }
    if (producerBatchSize != null && (producerBatchSize.toBytes() < 1024 || producerBatchSize.toMegabytes() > 16)) {
      throw new IllegalArgumentException("byproduct.stream-processor.tuning.producer-batch-size: 1KB..16MB, not "
          + producerBatchSize);
    }
  }

  /** The defaults above. */
  public static StreamsTuning defaults() {
    return new StreamsTuning(Duration.ofMillis(250), Duration.ofMillis(20), DataSize.ofKilobytes(64));
  }

  /** Puts these settings into a Kafka Streams configuration. */
  void applyTo(Properties streams) {
    streams.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
    streams.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), (int) producerLinger.toMillis());
    streams.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), (int) producerBatchSize.toBytes());
  }
}
