package io.byproduct.streamprocessor.folding;

import io.byproduct.schemas.rules.RecordRules;

/**
 * Bounds on what one page (and one image of it) may hold in the stream processor's state and in
 * its output records. An event that would go beyond a bound is not folded (it goes to the dead
 * letters); the page keeps folding the rest.
 *
 * <p>The defaults are far above an honest page: ten minutes at 60 pointer samples per second is
 * 36,000 samples and at most 36,000 tracked points (one image is tracked at a time), a few hundred
 * hover records and fewer than a hundred selecting clicks on 48 images. They are derived so that
 * the largest page record ({@link #worstCasePageBytes()}, about 1.9 MB with the defaults) stays
 * far below the 16 MiB record limit of the pages, images and changelog topics; a configuration
 * whose worst case passes {@link #MAX_PAGE_BYTES} is refused.
 *
 * @param eventsPerPage events folded into one page (PageOpened and PageSubmitted always are)
 * @param imagesPerPage distinct images of one page (the seed shows 48)
 * @param trackPointsPerPage mouse-tracking points over all images of a page
 * @param hoverRecordsPerPage hover records (enter and leave) over all images of a page
 * @param selectedRecordsPerPage selected records (selecting clicks) over all images of a page
 * @param trackPointsPerImage mouse-tracking points of one image
 * @param hoverRecordsPerImage hover records of one image
 * @param selectedRecordsPerImage selected records of one image
 * @param seqRangesPerSession gaps in the sequence numbers one browser session may leave open
 */
public record StateLimits(int eventsPerPage, int imagesPerPage, int trackPointsPerPage, int hoverRecordsPerPage,
    int selectedRecordsPerPage, int trackPointsPerImage, int hoverRecordsPerImage, int selectedRecordsPerImage,
    int seqRangesPerSession) {

  /** Half the 16 MiB record limit: room for Avro's overhead, the page's headers and the DynamoDB parts. */
  public static final long MAX_PAGE_BYTES = 8L * 1024 * 1024;
  /** Avro bytes of one tracking or selected point: two doubles and a millisecond time. */
  static final int POINT_BYTES = 8 + 8 + 7;
  /** Avro bytes of one hover record: an enum and a millisecond time. */
  static final int HOVER_BYTES = 1 + 7;
  /** Avro bytes of an image's record without its lists: a 256-character id, sizes, counts, a pseudonym. */
  static final int IMAGE_BYTES = 256 + 64 + 128;

  public StateLimits {
    positive("events-per-page", eventsPerPage);
    positive("images-per-page", imagesPerPage);
    positive("track-points-per-page", trackPointsPerPage);
    positive("hover-records-per-page", hoverRecordsPerPage);
    positive("selected-records-per-page", selectedRecordsPerPage);
    positive("track-points-per-image", trackPointsPerImage);
    positive("hover-records-per-image", hoverRecordsPerImage);
    positive("selected-records-per-image", selectedRecordsPerImage);
    positive("seq-ranges-per-session", seqRangesPerSession);
    long worst = worstCasePageBytes(imagesPerPage, trackPointsPerPage, hoverRecordsPerPage, selectedRecordsPerPage);
    if (worst > MAX_PAGE_BYTES) {
      throw new IllegalArgumentException("byproduct.stream-processor.limits: a page within these limits may reach "
          + worst + " bytes, more than " + MAX_PAGE_BYTES + " (half the 16 MiB record limit); lower images-per-page,"
          + " track-points-per-page, hover-records-per-page or selected-records-per-page");
    }
  }

  public static StateLimits defaults() {
    return new StateLimits(200_000, RecordRules.IMAGES_PER_PAGE, RecordRules.TRACK_POINTS_PER_PAGE,
        RecordRules.HOVER_RECORDS_PER_PAGE, RecordRules.SELECTED_RECORDS_PER_PAGE, RecordRules.TRACK_POINTS_PER_IMAGE,
        RecordRules.HOVER_RECORDS_PER_IMAGE, RecordRules.SELECTED_RECORDS_PER_IMAGE, 1_000);
  }

  /** The largest page record (and page state with all its images) these limits allow, in bytes. */
  public long worstCasePageBytes() {
    return worstCasePageBytes(imagesPerPage, trackPointsPerPage, hoverRecordsPerPage, selectedRecordsPerPage);
  }

  private static long worstCasePageBytes(long images, long trackPoints, long hovers, long selected) {
    return images * IMAGE_BYTES + (trackPoints + selected) * POINT_BYTES + hovers * HOVER_BYTES;
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("byproduct.stream-processor.limits." + name + " must be at least 1, was " + value);
    }
  }
}
