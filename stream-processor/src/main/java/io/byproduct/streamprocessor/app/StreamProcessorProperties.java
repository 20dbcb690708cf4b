package io.byproduct.streamprocessor.app;

import io.byproduct.streamprocessor.folding.StateLimits;
import io.byproduct.streamprocessor.topology.CaptureOptions;
import jakarta.validation.Valid;
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
 * @param threads stream threads of this instance (2: while one waits for its commit, the other folds)
 * @param imageUpdateInterval how often changed per-image records go to the images topic
 * @param abandonAfter a page is emitted as ABANDONED once stream time (the gateway's timestamps of
 *     the events processed) has passed its latest event by this long
 * @param closedRetention how long ended pages and seen sequence numbers are remembered
 * @param cacheBytes record cache of the state stores, per instance (the open pages' state)
 * @param limits bounds on one page's and one image's state (see {@link StateLimits})
 */
@Validated
@ConfigurationProperties("byproduct.stream-processor")
public record StreamProcessorProperties(
    @DefaultValue("") @Pattern(regexp = "[a-zA-Z0-9._-]*") String applicationId,
    Path stateDir,
    @DefaultValue("2") @Min(1) @Max(64) int threads,
    @NotNull @DefaultValue("1s") Duration imageUpdateInterval,
    @NotNull @DefaultValue("30m") Duration abandonAfter,
    @NotNull @DefaultValue("7d") Duration closedRetention,
    @NotNull @DefaultValue("128MB") DataSize cacheBytes,
    @Valid @NotNull @DefaultValue Limits limits) {

  public CaptureOptions captureOptions() {
    return new CaptureOptions(imageUpdateInterval, abandonAfter, closedRetention, limits.toStateLimits());
  }

  /**
   * {@code byproduct.stream-processor.limits.*}: the defaults of {@link StateLimits#defaults()}; a
   * set whose largest page would pass half the 16 MiB record limit is refused at start.
   */
  public record Limits(
      @DefaultValue("200000") @Min(1) int eventsPerPage,
      @DefaultValue("100") @Min(1) @Max(10_000) int imagesPerPage,
      @DefaultValue("72000") @Min(1) int trackPointsPerPage,
      @DefaultValue("20000") @Min(1) int hoverRecordsPerPage,
      @DefaultValue("5000") @Min(1) int selectedRecordsPerPage,
      @DefaultValue("36000") @Min(1) int trackPointsPerImage,
      @DefaultValue("5000") @Min(1) int hoverRecordsPerImage,
      @DefaultValue("1000") @Min(1) int selectedRecordsPerImage,
      @DefaultValue("1000") @Min(1) int seqRangesPerSession) {

    StateLimits toStateLimits() {
      return new StateLimits(eventsPerPage, imagesPerPage, trackPointsPerPage, hoverRecordsPerPage,
          selectedRecordsPerPage, trackPointsPerImage, hoverRecordsPerImage, selectedRecordsPerImage,
          seqRangesPerSession);
    }
  }
}
