package io.byproduct.streamprocessor.folding;

import io.byproduct.schemas.event.HoverChanged;
import io.byproduct.schemas.event.ImageLaidOut;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.PageOpened;
import io.byproduct.schemas.event.PageRecorded;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.event.SelectionToggled;
import io.byproduct.schemas.rules.RecordRules;
import java.util.Optional;

/**
 * Checks an event for values no real browser produces, by the shared rules ({@link RecordRules}).
 * The gateway checks the same on the wire; this guards the aggregates against anything else that
 * writes to the topic (tools, replays).
 */
public final class EventValidator {

  static final int MAX_ID_LENGTH = RecordRules.MAX_ID_LENGTH;

  private EventValidator() {}

  /** @return what is wrong, or empty when the event is usable */
  public static Optional<String> problem(String key, InteractionEvent e) {
    String id = firstBadId(e);
    if (id != null) {
      return Optional.of(id);
    }
    if (key == null || !key.equals(e.getAnnotationId())) {
      return Optional.of("record key '" + key + "' is not the event's annotationId '" + e.getAnnotationId() + "'");
    }
    if (e.getSeq() < 1) {
      return Optional.of("seq must be >= 1, was " + e.getSeq());
    }
    if (e.getPageNo() < 1 || e.getPageNo() > 9999) {
      return Optional.of("pageNo must be 1..9999, was " + e.getPageNo());
    }
    Object payload = e.getPayload();
    if (payload instanceof PointerSample p) {
      return fraction("x", p.getX()).or(() -> fraction("y", p.getY())).or(() -> imageId(p.getImageId()));
    }
    if (payload instanceof SelectionToggled s) {
      return fraction("x", s.getX()).or(() -> fraction("y", s.getY())).or(() -> imageId(s.getImageId()));
    }
    if (payload instanceof HoverChanged h) {
      return imageId(h.getImageId());
    }
    if (payload instanceof ImageLaidOut l) {
      if (!finiteNonNegative(l.getWidth()) || !finiteNonNegative(l.getHeight())
          || !Double.isFinite(l.getX()) || !Double.isFinite(l.getY())
          || l.getNaturalWidth() < 0 || l.getNaturalHeight() < 0) {
        return Optional.of("layout of " + l.getImageId() + " has impossible sizes");
      }
      return imageId(l.getImageId());
    }
    if (payload instanceof PageRecorded r) {
      return RecordRules.id("pageId", r.getPageId()).or(() -> RecordRules.page(r.getStartedAt(), r.getEndedAt(), r.getImages()))
          .map(problem -> "recorded page: " + problem);
    }
    if (payload instanceof PageOpened o) {
      for (String image : o.getImageIds()) {
        Optional<String> bad = imageId(image);
        if (bad.isPresent()) {
          return bad;
        }
      }
    }
    return Optional.empty();
  }

  private static String firstBadId(InteractionEvent e) {
    if (!usableId(e.getAnnotationId())) {
      return "annotationId must be 1.." + MAX_ID_LENGTH + " characters without '|'";
    }
    if (!usableId(e.getSessionId())) {
      return "sessionId must be 1.." + MAX_ID_LENGTH + " characters without '|'";
    }
    return null;
  }

  private static Optional<String> imageId(String imageId) {
    return usableId(imageId) ? Optional.empty()
        : Optional.of("imageId must be 1.." + MAX_ID_LENGTH + " characters without '|', was '" + imageId + "'");
  }

  private static Optional<String> fraction(String name, double value) {
    return RecordRules.fraction(name, value);
  }

  private static boolean finiteNonNegative(double v) {
    return Double.isFinite(v) && v >= 0;
  }

  static boolean usableId(String id) {
    return RecordRules.usableId(id);
  }
}
