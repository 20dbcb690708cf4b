package io.byproduct.streamprocessor.app;

import io.byproduct.streamprocessor.topology.CaptureOptions;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The stream processor's settings.
 *
 * @param applicationId Kafka Streams application id (consumer group, prefix of internal topics);
 *     empty: the topic prefix + "stream-processor"
 * @param stateDir where RocksDB keeps the stores; empty: a folder under java.io.tmpdir
 * @param threads stream threads of this instance
 * @param imageUpdateInterval how often changed per-image records go to the images topic
 * @param abandonAfter a page without events for this long is emitted as ABANDONED
 * @param closedRetention how long ended pages and seen sequence numbers are remembered
 * @param cacheBytes record cache of the state stores, per instance (the open pages' state)
 */
@Validated
@ConfigurationProperties("byproduct.stream-processor")
public record StreamProcessorProperties(
    @DefaultValue("") @Pattern(regexp = "[a-zA-Z0-9._-]*") String applicationId,
    Path stateDir,
    @DefaultValue("1") @Min(1) @Max(64) int threads,
    @NotNull @DefaultValue("1s") Duration imageUpdateInterval,
    @NotNull @DefaultValue("30m") Duration abandonAfter,
    @NotNull @DefaultValue("7d") Duration closedRetention,
    @NotNull @DefaultValue("128MB") DataSize cacheBytes) {

  public CaptureOptions captureOptions() {
    return new CaptureOptions(imageUpdateInterval, abandonAfter, closedRetention);
  }
}
