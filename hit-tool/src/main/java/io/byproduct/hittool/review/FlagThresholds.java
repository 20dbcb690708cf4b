package io.byproduct.hittool.review;

/**
 * The thresholds of {@link FlagRules}. An assignment is flagged when, over all its pages:
 *
 * @param minPositiveControlShare fewer than this share of the positive controls (known images of the
 *     page's class) was selected (default 0.5)
 * @param maxNegativeControlShare more than this share of the negative controls (images of the most
 *     similar class) was selected (default 0.5)
 * @param minMedianPageSeconds the median page took less than this many seconds (default 8: 48 images
 *     cannot be looked at in less)
 * @param maxUniformPageShare more than this share of its pages ended with every image or no image
 *     selected (default 0.5)
 * @param maxUnhoveredSelectedShare more than this share of the images it selected were never hovered
 *     (a pointer that never entered an image cannot have clicked it: scripted clicks; default 0.2)
 */
public record FlagThresholds(double minPositiveControlShare, double maxNegativeControlShare, double minMedianPageSeconds,
    double maxUniformPageShare, double maxUnhoveredSelectedShare) {

  public static final FlagThresholds DEFAULTS = new FlagThresholds(0.5, 0.5, 8, 0.5, 0.2);

  /** Shares between 0 and 1, seconds not negative. */
  public FlagThresholds {
    share("minimum positive-control share", minPositiveControlShare);
    share("maximum negative-control share", maxNegativeControlShare);
    share("maximum share of all-or-none pages", maxUniformPageShare);
    share("maximum share of unhovered selections", maxUnhoveredSelectedShare);
    if (!(minMedianPageSeconds >= 0)) {
      throw new IllegalArgumentException("the minimum page time must be 0 seconds or more, not " + minMedianPageSeconds);
    }
  }

  private static void share(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException("the " + name + " must be between 0 and 1, not " + value);
    }
  }
}
