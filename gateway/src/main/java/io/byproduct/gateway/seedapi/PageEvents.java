package io.byproduct.gateway.seedapi;

import io.byproduct.schemas.event.HitFinished;
import io.byproduct.schemas.event.HoverChanged;
import io.byproduct.schemas.event.ImageLaidOut;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.PageOpened;
import io.byproduct.schemas.event.PageSubmitted;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.event.SelectionToggled;
import io.byproduct.schemas.record.HoverAction;
import io.byproduct.schemas.record.HoverActionKind;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.TrackPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a whole page as the original front end PUTs it (its per-image records) back into the raw
 * events that produce those records, so that the page goes through the same topics and the same
 * folding as a streamed page. Per image: its layout at the page's start; enters and leaves from
 * {@code hoveredRecord}; each tracked point as a pointer sample; each selecting click from
 * {@code selectedRecord}, with the de-selecting clicks the original does not record placed where
 * they must have happened (before the next tracked point or selection, or at the end). The events
 * of a page get a deterministic session and sequence numbers, so the same PUT again changes
 * nothing.
 */
final class PageEvents {

  private PageEvents() {}

  /** A timed event of one image; at equal times, lower ranks come first. */
  private record Timed(long time, int rank, Object payload) {}

  private static final int DESELECT = 0;
  private static final int ENTER = 1;
  private static final int POINT = 2;
  private static final int SELECT = 3;
  private static final int LEAVE = 4;

  static String sessionOf(String annotationId, int pageNo) {
    return "rest:" + annotationId + ":" + pageNo;
  }

  /**
   * @throws IllegalArgumentException naming the image whose record cannot have been produced
   */
  static List<InteractionEvent> of(Envelope envelope, int pageNo, String pageId, long startedAt, long endedAt,
      List<ImageRecord> images, boolean lastPage, long gatewayTime) {
    String session = sessionOf(envelope.annotationId(), pageNo);
    List<Timed> timeline = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (ImageRecord image : images) {
      ids.add(image.getImageID());
    }
    timeline.add(new Timed(startedAt, -2, new PageOpened("", null, List.of(), ids, 0)));
    for (ImageRecord image : images) {
      timeline.add(new Timed(startedAt, -1, new ImageLaidOut(image.getImageID(),
          (double) image.getImagePosition().getX(), (double) image.getImagePosition().getY(),
          (double) image.getImageWidth(), (double) image.getImageHeight(),
          image.getOriginalImageWidth(), image.getOriginalImageHeight())));
    }
    for (int i = 0; i < images.size(); i++) {
      timeline.addAll(imageEvents(images.get(i), i, endedAt));
    }
    timeline.sort(Comparator.comparingLong(Timed::time).thenComparingInt(Timed::rank));
    timeline.add(new Timed(endedAt, 10, new PageSubmitted(pageId, startedAt, lastPage)));
    if (lastPage) {
      timeline.add(new Timed(endedAt, 11, new HitFinished(pageNo)));
    }
    List<InteractionEvent> events = new ArrayList<>(timeline.size());
    long seq = 1;
    for (Timed t : timeline) {
      events.add(envelope.event(session, seq++, pageNo, t.time(), gatewayTime).setPayload(t.payload()).build());
    }
    return events;
  }

  private static List<Timed> imageEvents(ImageRecord image, int index, long endedAt) {
    String id = image.getImageID();
    List<Timed> own = new ArrayList<>();
    for (HoverAction hover : image.getHoveredRecord()) {
      boolean enter = hover.getAction() == HoverActionKind.enter;
      own.add(new Timed(hover.getTime(), enter ? ENTER : LEAVE, new HoverChanged(id, enter)));
    }
    for (TrackPoint p : image.getMouseTracking()) {
      own.add(new Timed(p.getTime(), POINT, new PointerSample(id, p.getX(), p.getY())));
    }
    for (TrackPoint s : image.getSelectedRecord()) {
      own.add(new Timed(s.getTime(), SELECT, new SelectionToggled(id, s.getX(), s.getY(), true)));
    }
    own.sort(Comparator.comparingLong(Timed::time).thenComparingInt(Timed::rank));
    List<Timed> withDeselects = new ArrayList<>();
    boolean selected = false;
    long last = Long.MIN_VALUE;
    for (Timed t : own) {
      if (selected && (t.rank() == POINT || t.rank() == SELECT)) {
        withDeselects.add(new Timed(t.time(), DESELECT, new SelectionToggled(id, 0.0, 0.0, false)));
        selected = false;
      }
      if (t.rank() == SELECT) {
        selected = true;
      }
      withDeselects.add(t);
      last = t.time();
    }
    if (selected && !image.getSelected()) {
      withDeselects.add(new Timed(last, LEAVE + 1, new SelectionToggled(id, 0.0, 0.0, false)));
    }
    if (!selected && image.getSelected()) {
      throw new IllegalArgumentException("page.annotations[" + index + "]: selected is true but no selection"
          + " in selectedRecord is still in force");
    }
    if (last > endedAt) {
      throw new IllegalArgumentException("page.annotations[" + index + "]: has times after the page's endedAt");
    }
    return withDeselects;
  }
}
