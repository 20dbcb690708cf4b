package io.byproduct.streamprocessor.quality;

import java.time.Duration;
import java.util.Objects;

/**
 * When the quality topology flags an assignment or a worker, and the bounds of its state.
 *
 * @param tooFastPage a page shorter than this counts as too fast
 * @param tooFastShare flag TOO_FAST when more than this share of the pages was too fast
 * @param allOrNoneShare flag NONE_SELECTED / ALL_SELECTED when more than this share of the pages
 *     had no / every image selected
 * @param minControls the control checks apply once at least this many controls of the kind were shown
 * @param minPositiveAccuracy flag FAILS_POSITIVE_CONTROLS below this share of positive controls selected
 * @param minNegativeAccuracy flag FAILS_NEGATIVE_CONTROLS below this share of negative controls left unselected
 * @param neverHoveredShare flag SELECTED_NEVER_HOVERED when more than this share of the selected
 *     images was never entered by the pointer
 * @param neverHoveredMinSelected the never-hovered check applies from this many selected images on
 * @param maxPageTime a page's duration (client clock) is clamped to [0, this]
 * @param maxWorkersPerImage workers counted per (image, class) and version; more are refused and counted
 */
public record QualityThresholds(Duration tooFastPage, double tooFastShare, double allOrNoneShare, int minControls,
    double minPositiveAccuracy, double minNegativeAccuracy, double neverHoveredShare, int neverHoveredMinSelected,
    Duration maxPageTime, int maxWorkersPerImage) {

  public QualityThresholds {
    Objects.requireNonNull(tooFastPage, "tooFastPage");
    Objects.requireNonNull(maxPageTime, "maxPageTime");
    if (maxWorkersPerImage < 1 || minControls < 1 || neverHoveredMinSelected < 1) {
      throw new IllegalArgumentException("maxWorkersPerImage, minControls and neverHoveredMinSelected must be >= 1");
    }
  }

  /** The documented defaults (see the stream processor's README). */
  public static QualityThresholds defaults() {
    return new QualityThresholds(Duration.ofSeconds(10), 0.3, 0.5, 2, 0.75, 0.75, 0.5, 3, Duration.ofHours(1), 1000);
  }
}
