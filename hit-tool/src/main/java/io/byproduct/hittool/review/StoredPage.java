package io.byproduct.hittool.review;

import java.util.List;
import java.util.Map;

/**
 * What {@link FlagRules} needs of one stored page.
 *
 * @param durationMillis endedAt − startedAt
 * @param images the page's images in order
 * @param controls the page's controls from the HIT's review section: image id → positive or negative
 */
public record StoredPage(int pageNo, long durationMillis, List<Image> images, Map<String, Control> controls) {

  /** One image as stored: whether it ended selected, and how often the pointer entered it. */
  public record Image(String imageId, boolean selected, int hoveredCount) {}

  /** A control's kind. */
  public enum Control { POSITIVE, NEGATIVE }
}
