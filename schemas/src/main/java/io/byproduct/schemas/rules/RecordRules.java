package io.byproduct.schemas.rules;

import io.byproduct.schemas.record.HoverAction;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.TrackPoint;
import java.util.List;
import java.util.Optional;

/**
 * The one rule set for values no real browser produces, shared by the gateway (which answers 400
 * naming the field) and the stream processor (which dead-letters what another writer of the topic
 * put there): ids, fractions of an image, sizes, times, and the counts a page may hold.
 *
 * <p>Each check returns the problem as {@code "<field>: <what is wrong>"}, the field named relative to
 * what was checked (the caller prefixes where it sits), or empty when the value is usable.
 */
public final class RecordRules {

  /** Longest id (annotation, session, page, image) accepted. */
  public static final int MAX_ID_LENGTH = 256;
  /** Earliest plausible client time: 2000-01-01T00:00:00Z. */
  public static final long MIN_TIME = 946_684_800_000L;
  /** Latest plausible client time: 2100-01-01T00:00:00Z. */
  public static final long MAX_TIME = 4_102_444_800_000L;
  /** Longest page (startedAt to endedAt): one day. */
  public static final long MAX_PAGE_MILLIS = 24L * 60 * 60 * 1000;
  /** Largest rendered or natural size of an image, px. */
  public static final int MAX_SIZE_PX = 100_000;
  /** Largest offset of an image in the document, CSS px (either sign). */
  public static final int MAX_POSITION_PX = 10_000_000;
  /** The counts a page may hold: the stream processor's default state limits, and what a REST page may send. */
  public static final int IMAGES_PER_PAGE = 100;
  public static final int TRACK_POINTS_PER_PAGE = 72_000;
  public static final int HOVER_RECORDS_PER_PAGE = 20_000;
  public static final int SELECTED_RECORDS_PER_PAGE = 5_000;
  public static final int TRACK_POINTS_PER_IMAGE = 36_000;
  public static final int HOVER_RECORDS_PER_IMAGE = 5_000;
  public static final int SELECTED_RECORDS_PER_IMAGE = 1_000;

  private RecordRules() {}

  /** An id: 1..{@value #MAX_ID_LENGTH} characters, not blank, without '|', control characters or U+FFFD (malformed UTF-8 decoded). */
  public static boolean usableId(String id) {
    if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == '|' || c == '\uFFFD' || Character.isISOControl(c)) {
        return false;
      }
    }
    return true;
  }

  /** What {@link #usableId} requires, for error messages. */
  public static String idRule() {
    return "1.." + MAX_ID_LENGTH + " characters without '|', control characters or malformed UTF-8";
  }

  public static Optional<String> id(String field, String value) {
    return usableId(value) ? Optional.empty() : Optional.of(field + ": must be " + idRule());
  }

  /** A position as a fraction of the rendered image: finite, in [0, 1]. */
  public static Optional<String> fraction(String field, double value) {
    return value >= 0 && value <= 1 ? Optional.empty()
        : Optional.of(field + ": must be a fraction of the image in [0, 1], was " + value);
  }

  /** A client time, epoch ms, in [{@value #MIN_TIME}, {@value #MAX_TIME}] (2000 to 2100). */
  public static Optional<String> time(String field, long value) {
    return value >= MIN_TIME && value <= MAX_TIME ? Optional.empty()
        : Optional.of(field + ": must be epoch milliseconds between 2000 and 2100, was " + value);
  }

  /** A page's times: each plausible, endedAt not before startedAt, at most {@value #MAX_PAGE_MILLIS} ms apart. */
  public static Optional<String> pageTimes(long startedAt, long endedAt) {
    return time("startedAt", startedAt).or(() -> time("endedAt", endedAt)).or(() -> endedAt < startedAt
        ? Optional.of("endedAt: must not be before startedAt") : endedAt - startedAt > MAX_PAGE_MILLIS
        ? Optional.of("endedAt: a page lasts at most one day, this one " + (endedAt - startedAt) + " ms")
        : Optional.empty());
  }

  /** A size in px: 0..{@value #MAX_SIZE_PX}. */
  public static Optional<String> size(String field, double value) {
    return value >= 0 && value <= MAX_SIZE_PX ? Optional.empty()
        : Optional.of(field + ": must be a size of 0.." + MAX_SIZE_PX + " px, was " + value);
  }

  /** An offset in the document, CSS px: finite, at most {@value #MAX_POSITION_PX} either way. */
  public static Optional<String> position(String field, double value) {
    return value >= -MAX_POSITION_PX && value <= MAX_POSITION_PX ? Optional.empty()
        : Optional.of(field + ": must be an offset of at most " + MAX_POSITION_PX + " px, was " + value);
  }

  /**
   * A whole page as a browser recorded it: its times, its number of images and records, and each
   * image record ({@link #image}); fields are named as in the page JSON ({@code annotations[3].imageWidth}).
   */
  public static Optional<String> page(long startedAt, long endedAt, List<ImageRecord> images) {
    Optional<String> times = pageTimes(startedAt, endedAt);
    if (times.isPresent()) {
      return times;
    }
    if (images.size() > IMAGES_PER_PAGE) {
      return Optional.of("annotations: at most " + IMAGES_PER_PAGE + " images on a page, has " + images.size());
    }
    long tracks = 0;
    long hovers = 0;
    long selections = 0;
    for (int i = 0; i < images.size(); i++) {
      ImageRecord image = images.get(i);
      Optional<String> bad = image(image, startedAt, endedAt);
      if (bad.isPresent()) {
        return Optional.of("annotations[" + i + "]." + bad.get());
      }
      tracks += image.getMouseTracking().size();
      hovers += image.getHoveredRecord().size();
      selections += image.getSelectedRecord().size();
    }
    long hoverCount = hovers;
    long selectedCount = selections;
    return atMost("mouseTracking", tracks, TRACK_POINTS_PER_PAGE, "page")
        .or(() -> atMost("hoveredRecord", hoverCount, HOVER_RECORDS_PER_PAGE, "page"))
        .or(() -> atMost("selectedRecord", selectedCount, SELECTED_RECORDS_PER_PAGE, "page"));
  }

  /** One image's record: id, sizes, position, counts, and every point a fraction at a time within the page. */
  public static Optional<String> image(ImageRecord r, long startedAt, long endedAt) {
    return id("imageID", r.getImageID())
        .or(() -> size("imageWidth", r.getImageWidth()))
        .or(() -> size("imageHeight", r.getImageHeight()))
        .or(() -> size("originalImageWidth", r.getOriginalImageWidth()))
        .or(() -> size("originalImageHeight", r.getOriginalImageHeight()))
        .or(() -> position("imagePosition.x", r.getImagePosition().getX()))
        .or(() -> position("imagePosition.y", r.getImagePosition().getY()))
        .or(() -> r.getHoveredCount() < 0 ? Optional.of("hoveredCount: must not be negative") : Optional.empty())
        .or(() -> r.getSelectedCount() < 0 ? Optional.of("selectedCount: must not be negative") : Optional.empty())
        .or(() -> r.getEstimateTime() < 0 || r.getEstimateTime() > endedAt - startedAt
            ? Optional.of("estimateTime: must be 0.." + (endedAt - startedAt) + " ms (the page's length), was "
                + r.getEstimateTime()) : Optional.empty())
        .or(() -> atMost("mouseTracking", r.getMouseTracking().size(), TRACK_POINTS_PER_IMAGE, "image"))
        .or(() -> atMost("hoveredRecord", r.getHoveredRecord().size(), HOVER_RECORDS_PER_IMAGE, "image"))
        .or(() -> atMost("selectedRecord", r.getSelectedRecord().size(), SELECTED_RECORDS_PER_IMAGE, "image"))
        .or(() -> points("mouseTracking", r.getMouseTracking(), startedAt, endedAt))
        .or(() -> points("selectedRecord", r.getSelectedRecord(), startedAt, endedAt))
        .or(() -> hovers(r.getHoveredRecord(), startedAt, endedAt));
  }

  private static Optional<String> points(String field, List<TrackPoint> points, long startedAt, long endedAt) {
    for (int i = 0; i < points.size(); i++) {
      TrackPoint p = points.get(i);
      String at = field + "[" + i + "]";
      Optional<String> bad = fraction(at + ".x", p.getX()).or(() -> fraction(at + ".y", p.getY()))
          .or(() -> within(at + ".time", p.getTime(), startedAt, endedAt));
      if (bad.isPresent()) {
        return bad;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> hovers(List<HoverAction> hovers, long startedAt, long endedAt) {
    for (int i = 0; i < hovers.size(); i++) {
      Optional<String> bad = within("hoveredRecord[" + i + "].time", hovers.get(i).getTime(), startedAt, endedAt);
      if (bad.isPresent()) {
        return bad;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> within(String field, long time, long startedAt, long endedAt) {
    return time >= startedAt && time <= endedAt ? Optional.empty()
        : Optional.of(field + ": must be within the page (startedAt " + startedAt + " .. endedAt " + endedAt + "), was " + time);
  }

  private static Optional<String> atMost(String field, long count, int max, String per) {
    return count <= max ? Optional.empty()
        : Optional.of(field + ": at most " + max + " entries per " + per + ", has " + count);
  }
}
