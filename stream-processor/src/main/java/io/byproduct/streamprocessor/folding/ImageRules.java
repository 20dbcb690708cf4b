package io.byproduct.streamprocessor.folding;

import io.byproduct.schemas.event.ImageLaidOut;
import io.byproduct.schemas.record.HoverAction;
import io.byproduct.schemas.record.HoverActionKind;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.Position;
import io.byproduct.schemas.record.TrackPoint;
import io.byproduct.schemas.state.ImageState;
import java.util.ArrayList;

/**
 * The original front end's counting rules for one image (seed-contract.md, "Exact behaviour"):
 * <ul>
 *   <li>{@code hoveredCount} +1 on every pointer entry, also while selected; enter and leave go to
 *       {@code hoveredRecord}.
 *   <li>A click sets {@code selected} to the state it produced; only a selecting click counts in
 *       {@code selectedCount} and appends to {@code selectedRecord}.
 *   <li>Tracking keeps at most one point per 1000/60 ms per image (the first point of a hover is
 *       always kept) and is paused while the image is selected.
 *   <li>{@code estimateTime} is the time hovered while unselected, counted from the first tracked
 *       point of a hover to the leave (or to the selecting click).
 *   <li>Layout is the latest measured.
 * </ul>
 */
public final class ImageRules {

  /** One point per 1000/60 ms: kept when {@code (t - last) * 60 >= 1000}. */
  static final long SAMPLES_PER_SECOND = 60;

  private ImageRules() {}

  public static ImageState newImage(String imageId, String workerId) {
    ImageRecord record = ImageRecord.newBuilder()
        .setImageID(imageId)
        .setOriginalImageHeight(0).setOriginalImageWidth(0)
        .setImageHeight(0).setImageWidth(0)
        .setImagePosition(new Position(0, 0))
        .setHoveredRecord(new ArrayList<>())
        .setHoveredCount(0)
        .setMouseTracking(new ArrayList<>())
        .setSelected(false)
        .setSelectedCount(0)
        .setSelectedRecord(new ArrayList<>())
        .setEstimateTime(0)
        .setWorkerId(workerId)
        .build();
    return ImageState.newBuilder().setRecord(record).setHovering(false)
        .setTrackingSince(null).setLastTrackTime(null).setLaidOut(false).build();
  }

  public static void hoverEnter(ImageState state, long time) {
    ImageRecord r = state.getRecord();
    r.setHoveredCount(r.getHoveredCount() + 1);
    r.getHoveredRecord().add(new HoverAction(HoverActionKind.enter, time));
    state.setHovering(true);
    state.setTrackingSince(null);
    state.setLastTrackTime(null);
  }

  public static void hoverLeave(ImageState state, long time) {
    state.getRecord().getHoveredRecord().add(new HoverAction(HoverActionKind.leave, time));
    stopEstimate(state, time);
    state.setHovering(false);
  }

  /** @return whether the sample became a tracked point */
  public static boolean pointer(ImageState state, double x, double y, long time) {
    if (!wouldTrack(state, time)) {
      return false;
    }
    ImageRecord r = state.getRecord();
    r.getMouseTracking().add(new TrackPoint(x, y, time));
    state.setLastTrackTime(time);
    if (state.getTrackingSince() == null) {
      state.setTrackingSince(time);
    }
    return true;
  }

  /** Whether a pointer sample at {@code time} would become a tracked point (not selected, 60 Hz). */
  public static boolean wouldTrack(ImageState state, long time) {
    if (state.getRecord().getSelected()) {
      return false;
    }
    Long last = state.getLastTrackTime();
    return last == null || (time - last) * SAMPLES_PER_SECOND >= 1000;
  }

  public static void selection(ImageState state, double x, double y, boolean selected, long time) {
    ImageRecord r = state.getRecord();
    if (selected && !r.getSelected()) {
      r.setSelectedCount(r.getSelectedCount() + 1);
      r.getSelectedRecord().add(new TrackPoint(x, y, time));
      stopEstimate(state, time);
    }
    r.setSelected(selected);
  }

  public static void layout(ImageState state, ImageLaidOut layout) {
    ImageRecord r = state.getRecord();
    r.setImagePosition(new Position((int) Math.round(layout.getX()), (int) Math.round(layout.getY())));
    r.setImageWidth((int) Math.round(layout.getWidth()));
    r.setImageHeight((int) Math.round(layout.getHeight()));
    r.setOriginalImageWidth(layout.getNaturalWidth());
    r.setOriginalImageHeight(layout.getNaturalHeight());
    state.setLaidOut(true);
  }

  /**
   * Whether the image belongs in the page's record: it was laid out (it loaded) or the worker
   * interacted with it. The original drops an image that fails to load from the page, so an image
   * never laid out and never touched is left out of the stored page.
   */
  public static boolean wasShown(ImageState state) {
    ImageRecord r = state.getRecord();
    return state.getLaidOut() || r.getHoveredCount() > 0 || r.getSelectedCount() > 0 || !r.getMouseTracking().isEmpty();
  }

  /** Ends an estimate interval still running when the page ends (submit or abandonment). */
  public static void pageEnded(ImageState state, long time) {
    stopEstimate(state, time);
  }

  private static void stopEstimate(ImageState state, long time) {
    Long since = state.getTrackingSince();
    if (since != null && time > since) {
      ImageRecord r = state.getRecord();
      r.setEstimateTime(r.getEstimateTime() + (time - since));
    }
    state.setTrackingSince(null);
  }
}
