package io.byproduct.streamprocessor.folding;

import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.state.ImageState;
import io.byproduct.schemas.state.PageState;
import java.util.List;
import java.util.Optional;

/**
 * Tells whether folding an event would take a page or an image past its {@link StateLimits}, and
 * keeps the page's totals of kept records up to date. Only an event that would add to the state
 * is refused: a pointer sample the 60 Hz rule drops anyway, a layout or a de-selecting click
 * passes.
 */
public final class LimitCheck {

  private final StateLimits limits;

  public LimitCheck(StateLimits limits) {
    this.limits = limits;
  }

  public StateLimits limits() {
    return limits;
  }

  /** @return which limit a further event of the page would pass (the page's event count), if any */
  public Optional<String> events(PageState page) {
    return page.getEventCount() >= limits.eventsPerPage()
        ? Optional.of(over("events-per-page", limits.eventsPerPage(), "events")) : Optional.empty();
  }

  /** @return which limit {@code more} further distinct images of the page would pass, if any */
  public Optional<String> images(PageState page, int more) {
    return page.getImageIds().size() + more > limits.imagesPerPage()
        ? Optional.of(over("images-per-page", limits.imagesPerPage(), "images")) : Optional.empty();
  }

  /** @return which limit the image event would pass, if any */
  public Optional<String> imageEvent(PageState page, ImageState image, FoldEvent.ImageEvent event, long time) {
    ImageRecord r = image.getRecord();
    return switch (event.growth(image, time)) {
      case TRACK_POINT -> first(page.getTrackPointCount(), limits.trackPointsPerPage(), "track-points-per-page",
          r.getMouseTracking(), limits.trackPointsPerImage(), "track-points-per-image", "tracking points");
      case HOVER_RECORD -> first(page.getHoverRecordCount(), limits.hoverRecordsPerPage(), "hover-records-per-page",
          r.getHoveredRecord(), limits.hoverRecordsPerImage(), "hover-records-per-image", "hover records");
      case SELECTED_RECORD -> first(page.getSelectedRecordCount(), limits.selectedRecordsPerPage(),
          "selected-records-per-page", r.getSelectedRecord(), limits.selectedRecordsPerImage(),
          "selected-records-per-image", "selected records");
      case NONE -> Optional.empty();
    };
  }

  /** The image's list sizes, before an event is applied: {@link #count} adds what it added to the page. */
  public static int[] sizes(ImageState image) {
    ImageRecord r = image.getRecord();
    return new int[] {r.getMouseTracking().size(), r.getHoveredRecord().size(), r.getSelectedRecord().size()};
  }

  /** Adds to the page's totals what the event added to the image since {@code before} ({@link #sizes}). */
  public static void count(PageState page, ImageState image, int[] before) {
    int[] after = sizes(image);
    page.setTrackPointCount(page.getTrackPointCount() + after[0] - before[0]);
    page.setHoverRecordCount(page.getHoverRecordCount() + after[1] - before[1]);
    page.setSelectedRecordCount(page.getSelectedRecordCount() + after[2] - before[2]);
  }

  /** @return which limit a new range of sequence numbers in the session would pass, if any */
  public Optional<String> seqRanges(List<Long> ranges, long seq) {
    return ranges.size() / 2 >= limits.seqRangesPerSession() && SeqRanges.opensRange(ranges, seq)
        ? Optional.of(over("seq-ranges-per-session", limits.seqRangesPerSession(), "gaps in its sequence numbers"))
        : Optional.empty();
  }

  private static Optional<String> first(int pageTotal, int pageLimit, String pageName, List<?> imageList,
      int imageLimit, String imageName, String what) {
    if (pageTotal >= pageLimit) {
      return Optional.of(over(pageName, pageLimit, what));
    }
    if (imageList.size() >= imageLimit) {
      return Optional.of(over(imageName, imageLimit, what));
    }
    return Optional.empty();
  }

  private static String over(String name, int limit, String what) {
    return "holds " + limit + " " + what + ", the limit byproduct.stream-processor.limits." + name;
  }
}
