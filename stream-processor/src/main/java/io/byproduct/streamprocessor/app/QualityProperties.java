package io.byproduct.streamprocessor.app;

import io.byproduct.streamprocessor.quality.QualityThresholds;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The quality topology's settings ({@code byproduct.stream-processor.quality.*}): its own Kafka
 * Streams application and the thresholds of its flags (see {@link QualityThresholds}).
 *
 * @param enabled run the quality topology in this instance
 * @param applicationId its Kafka Streams application id; empty: the topic prefix + "quality"
 * @param tooFastPage a page shorter than this counts as too fast
 * @param tooFastShare flag TOO_FAST above this share of too-fast pages
 * @param allOrNoneShare flag NONE_SELECTED / ALL_SELECTED above this share of such pages
 * @param minControls control checks apply from this many controls of a kind
 * @param minPositiveAccuracy flag FAILS_POSITIVE_CONTROLS below this share of positives selected
 * @param minNegativeAccuracy flag FAILS_NEGATIVE_CONTROLS below this share of negatives left alone
 * @param neverHoveredShare flag SELECTED_NEVER_HOVERED above this share of selected images never pointed at
 * @param neverHoveredMinSelected the never-hovered check applies from this many selected images
 * @param maxPageTime page durations (client clock) are clamped to this
 * @param maxWorkersPerImage workers counted per (image, class) and version
 */
@Validated
@ConfigurationProperties("byproduct.stream-processor.quality")
public record QualityProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("") @Pattern(regexp = "[a-zA-Z0-9._-]*") String applicationId,
    @NotNull @DefaultValue("10s") Duration tooFastPage,
    @DefaultValue("0.3") @DecimalMin("0") @DecimalMax("1") double tooFastShare,
    @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double allOrNoneShare,
    @DefaultValue("2") @Min(1) int minControls,
    @DefaultValue("0.75") @DecimalMin("0") @DecimalMax("1") double minPositiveAccuracy,
    @DefaultValue("0.75") @DecimalMin("0") @DecimalMax("1") double minNegativeAccuracy,
    @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double neverHoveredShare,
    @DefaultValue("3") @Min(1) int neverHoveredMinSelected,
    @NotNull @DefaultValue("1h") Duration maxPageTime,
    @DefaultValue("1000") @Min(1) @Max(100_000) int maxWorkersPerImage) {

  public QualityThresholds thresholds() {
    return new QualityThresholds(tooFastPage, tooFastShare, allOrNoneShare, minControls, minPositiveAccuracy,
        minNegativeAccuracy, neverHoveredShare, neverHoveredMinSelected, maxPageTime, maxWorkersPerImage);
  }
}
