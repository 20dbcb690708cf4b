package io.byproduct.schemas.batch;

import io.byproduct.schemas.event.FocusChanged;
import io.byproduct.schemas.event.HitFinished;
import io.byproduct.schemas.event.HitStarted;
import io.byproduct.schemas.event.HoverChanged;
import io.byproduct.schemas.event.ImageLaidOut;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.PageOpened;
import io.byproduct.schemas.event.PageSubmitted;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.event.SelectionToggled;
import io.byproduct.schemas.event.VisibilityChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Packs the events of one frame into an {@link InteractionBatch} and unfolds a batch back into
 * {@link InteractionEvent}s, equal field for field to the events packed. The one place the two
 * formats of topic {@code interactions} are translated: the gateway packs, the stream processor,
 * the live stream and the events export unfold.
 */
public final class Batches {

  /** Fixed-point scale of in-image coordinates on the wire and in a batch: 10000 = the full width or height. */
  public static final int FIXED_POINT_SCALE = 10_000;

  private Batches() {}

  /** One entry of a batch, unfolded: its event, or why it cannot be one (an image index off the table). */
  public record Unfolded(long seq, InteractionEvent event, String problem) {
    public boolean valid() {
      return event != null;
    }
  }

  /**
   * Whether {@code events} can be one batch: one session, annotation, page, envelope and gateway
   * time; sequence numbers consecutive; event ids {@code sessionId:seq}; every payload a kind a
   * batch holds (coordinates in images on the 1e-4 grid).
   */
  public static boolean packable(List<InteractionEvent> events) {
    try {
      pack(events);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The events of one frame as one batch.
   *
   * @throws IllegalArgumentException if they are not {@link #packable}
   */
  public static InteractionBatch pack(List<InteractionEvent> events) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a batch holds at least one event");
    }
    InteractionEvent first = events.get(0);
    long base = first.getClientTime();
    for (InteractionEvent e : events) {
      base = Math.min(base, e.getClientTime());
    }
    ImageTable images = new ImageTable();
    List<BatchEntry> entries = new ArrayList<>(events.size());
    for (int k = 0; k < events.size(); k++) {
      InteractionEvent e = events.get(k);
      requireSameFrame(first, e, first.getSeq() + k);
      entries.add(new BatchEntry(e.getClientTime() - base, compact(e.getPayload(), images)));
    }
    return new InteractionBatch(first.getSessionId(), first.getSeq(), first.getAnnotationId(),
        first.getHitDatasetName(), first.getImageNetHitId(), first.getPageNo(), first.getWorkerId(),
        first.getAssignmentId(), first.getHitId(), first.getVersion(), first.getGatewayTime(), base,
        images.ids(), entries);
  }

  /** The batch's events one by one, in sequence order; an entry that names no image of the table is left out. */
  public static List<InteractionEvent> unfold(InteractionBatch batch) {
    List<InteractionEvent> events = new ArrayList<>(batch.getEntries().size());
    for (Unfolded entry : entries(batch)) {
      if (entry.valid()) {
        events.add(entry.event());
      }
    }
    return events;
  }

  /** Every entry of the batch, as an event or with the reason it is none. */
  public static List<Unfolded> entries(InteractionBatch batch) {
    List<BatchEntry> entries = batch.getEntries();
    List<Unfolded> unfolded = new ArrayList<>(entries.size());
    List<String> images = batch.getImages();
    for (int k = 0; k < entries.size(); k++) {
      long seq = batch.getFirstSeq() + k;
      BatchEntry entry = entries.get(k);
      Object payload;
      try {
        payload = expand(entry.getPayload(), images);
      } catch (IndexOutOfBoundsException e) {
        unfolded.add(new Unfolded(seq, null, "entry " + k + " (seq " + seq + ") names image " + e.getMessage()
            + ", but the batch's image table has " + images.size()));
        continue;
      }
      unfolded.add(new Unfolded(seq, new InteractionEvent(batch.getSessionId() + ":" + seq, batch.getSessionId(), seq,
          batch.getAnnotationId(), batch.getHitDatasetName(), batch.getImageNetHitId(), batch.getPageNo(),
          batch.getWorkerId(), batch.getAssignmentId(), batch.getHitId(), batch.getVersion(),
          batch.getBaseClientTime() + entry.getDt(), batch.getGatewayTime(), payload), null));
    }
    return unfolded;
  }

  private static void requireSameFrame(InteractionEvent first, InteractionEvent e, long seq) {
    if (e.getSeq() != seq) {
      throw new IllegalArgumentException("sequence numbers must be consecutive: expected " + seq + ", was " + e.getSeq());
    }
    if (!e.getEventId().equals(e.getSessionId() + ":" + e.getSeq())) {
      throw new IllegalArgumentException("event id " + e.getEventId() + " is not sessionId:seq");
    }
    if (!e.getSessionId().equals(first.getSessionId()) || !e.getAnnotationId().equals(first.getAnnotationId())
        || e.getPageNo() != first.getPageNo() || e.getGatewayTime() != first.getGatewayTime()
        || e.getVersion() != first.getVersion()
        || !Objects.equals(e.getHitDatasetName(), first.getHitDatasetName())
        || !Objects.equals(e.getImageNetHitId(), first.getImageNetHitId())
        || !Objects.equals(e.getWorkerId(), first.getWorkerId())
        || !Objects.equals(e.getAssignmentId(), first.getAssignmentId())
        || !Objects.equals(e.getHitId(), first.getHitId())) {
      throw new IllegalArgumentException("event " + e.getEventId() + " has another envelope than the batch's first event");
    }
  }

  private static Object compact(Object payload, ImageTable images) {
    if (payload instanceof PointerSample p) {
      return new Pointer(images.indexOf(p.getImageId()), fixed(p.getX()), fixed(p.getY()));
    } else if (payload instanceof HoverChanged h) {
      return new Hover(images.indexOf(h.getImageId()), h.getEntered());
    } else if (payload instanceof SelectionToggled s) {
      return new Toggle(images.indexOf(s.getImageId()), fixed(s.getX()), fixed(s.getY()), s.getSelected());
    } else if (payload instanceof ImageLaidOut l) {
      return new LaidOut(images.indexOf(l.getImageId()), l.getX(), l.getY(), l.getWidth(), l.getHeight(),
          l.getNaturalWidth(), l.getNaturalHeight());
    } else if (payload instanceof PageOpened o) {
      List<Integer> indexes = new ArrayList<>(o.getImageIds().size());
      o.getImageIds().forEach(id -> indexes.add(images.indexOf(id)));
      return new Opened(o.getClassId(), o.getWnid(), o.getSynset(), indexes, o.getPageCount());
    } else if (payload instanceof VisibilityChanged v) {
      return new Visibility(v.getVisible());
    } else if (payload instanceof FocusChanged f) {
      return new Focus(f.getFocused());
    } else if (payload instanceof PageSubmitted s) {
      return new Submitted(s.getPageId(), s.getStartedAt(), s.getLastPage());
    } else if (payload instanceof HitStarted s) {
      return new Started(s.getStartedAt(), s.getAnnotatorId());
    } else if (payload instanceof HitFinished f) {
      return new Finished(f.getPageCount());
    }
    throw new IllegalArgumentException("a batch holds no " + (payload == null ? "null" : payload.getClass().getSimpleName()));
  }

  private static Object expand(Object payload, List<String> images) {
    if (payload instanceof Pointer p) {
      return new PointerSample(image(images, p.getImage()), fraction(p.getX()), fraction(p.getY()));
    } else if (payload instanceof Hover h) {
      return new HoverChanged(image(images, h.getImage()), h.getEntered());
    } else if (payload instanceof Toggle t) {
      return new SelectionToggled(image(images, t.getImage()), fraction(t.getX()), fraction(t.getY()), t.getSelected());
    } else if (payload instanceof LaidOut l) {
      return new ImageLaidOut(image(images, l.getImage()), l.getX(), l.getY(), l.getWidth(), l.getHeight(),
          l.getNaturalWidth(), l.getNaturalHeight());
    } else if (payload instanceof Opened o) {
      List<String> ids = new ArrayList<>(o.getImages().size());
      o.getImages().forEach(i -> ids.add(image(images, i)));
      return new PageOpened(o.getClassId(), o.getWnid(), o.getSynset(), ids, o.getPageCount());
    } else if (payload instanceof Visibility v) {
      return new VisibilityChanged(v.getVisible());
    } else if (payload instanceof Focus f) {
      return new FocusChanged(f.getFocused());
    } else if (payload instanceof Submitted s) {
      return new PageSubmitted(s.getPageId(), s.getStartedAt(), s.getLastPage());
    } else if (payload instanceof Started s) {
      return new HitStarted(s.getStartedAt(), s.getAnnotatorId());
    } else if (payload instanceof Finished f) {
      return new HitFinished(f.getPageCount());
    }
    throw new IllegalStateException("unknown batch entry " + payload);  // the schema's union has no other branch
  }

  private static String image(List<String> images, int index) {
    if (index < 0 || index >= images.size()) {
      throw new IndexOutOfBoundsException(String.valueOf(index));
    }
    return images.get(index);
  }

  /** A fraction on the 1e-4 grid as its fixed-point integer. */
  private static int fixed(double fraction) {
    long fixed = Math.round(fraction * FIXED_POINT_SCALE);
    if (fixed < 0 || fixed > FIXED_POINT_SCALE || fraction(fixed) != fraction) {
      throw new IllegalArgumentException("coordinate " + fraction + " is not a multiple of 1e-4 in [0, 1]");
    }
    return (int) fixed;
  }

  /** The fixed-point integer as the gateway reads it from the wire: {@code i / 10000.0}. */
  private static double fraction(long fixed) {
    return fixed / (double) FIXED_POINT_SCALE;
  }
}
