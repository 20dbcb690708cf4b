package io.byproduct.streamprocessor.folding;

import io.byproduct.schemas.event.HitFinished;
import io.byproduct.schemas.event.HitStarted;
import io.byproduct.schemas.event.HoverChanged;
import io.byproduct.schemas.event.ImageLaidOut;
import io.byproduct.schemas.event.PageOpened;
import io.byproduct.schemas.event.PageRecorded;
import io.byproduct.schemas.event.PageSubmitted;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.event.SelectionToggled;
import io.byproduct.schemas.state.ImageState;

/**
 * What one interaction event does to the fold: the payload union of {@code InteractionEvent} as a
 * closed set of cases, read once ({@link #of}). The fold applies an event through one {@code switch}
 * on {@link #kind()}; an event about one image ({@link ImageEvent}) names its image, tells which of
 * the image's records it would grow (for the state limits) and applies itself by the counting rules.
 *
 * <p>The bytecode target is Java 17, which has no pattern {@code switch}; {@link Kind} is the
 * exhaustive switch key until then (a new case fails to compile where it is not handled).
 */
public sealed interface FoldEvent {

  /** The cases, one per record below: the key of the fold's {@code switch}. */
  enum Kind { HIT_STARTED, HIT_FINISHED, PAGE_OPENED, PAGE_SUBMITTED, IMAGE, PAGE_ACTIVITY, PAGE_RECORDED }

  /** Which of an image's records an event would add to (what the state limits bound). */
  enum Growth { NONE, TRACK_POINT, HOVER_RECORD, SELECTED_RECORD }

  Kind kind();

  /** The case of an event's payload; a payload the fold has no rule for (focus, visibility) is page activity. */
  static FoldEvent of(Object payload) {
    if (payload instanceof PointerSample p) {
      return new Pointer(p);
    }
    if (payload instanceof HoverChanged h) {
      return new Hover(h);
    }
    if (payload instanceof SelectionToggled s) {
      return new Selection(s);
    }
    if (payload instanceof ImageLaidOut l) {
      return new Layout(l);
    }
    if (payload instanceof PageOpened o) {
      return new PageOpen(o);
    }
    if (payload instanceof PageSubmitted s) {
      return new PageSubmit(s);
    }
    if (payload instanceof HitStarted h) {
      return new HitStart(h);
    }
    if (payload instanceof HitFinished f) {
      return new HitFinish(f);
    }
    if (payload instanceof PageRecorded r) {
      return new PageRecord(r);
    }
    return new PageActivity(payload);
  }

  /** The HIT-level annotation began. */
  record HitStart(HitStarted payload) implements FoldEvent {
    @Override
    public Kind kind() {
      return Kind.HIT_STARTED;
    }
  }

  /** The last page was submitted. */
  record HitFinish(HitFinished payload) implements FoldEvent {
    @Override
    public Kind kind() {
      return Kind.HIT_FINISHED;
    }
  }

  /** A page was shown with its images. */
  record PageOpen(PageOpened payload) implements FoldEvent {
    @Override
    public Kind kind() {
      return Kind.PAGE_OPENED;
    }
  }

  /** The worker submitted the page: it ends. */
  record PageSubmit(PageSubmitted payload) implements FoldEvent {
    @Override
    public Kind kind() {
      return Kind.PAGE_SUBMITTED;
    }
  }

  /** A whole page as the original front end's REST API sent it: stored as sent ({@code RecordedPages}). */
  record PageRecord(PageRecorded payload) implements FoldEvent {
    @Override
    public Kind kind() {
      return Kind.PAGE_RECORDED;
    }
  }

  /** Counts as an event of the page and nothing more (focus, visibility). */
  record PageActivity(Object payload) implements FoldEvent {
    @Override
    public Kind kind() {
      return Kind.PAGE_ACTIVITY;
    }
  }

  /** An event about one image of the page. */
  sealed interface ImageEvent extends FoldEvent {

    @Override
    default Kind kind() {
      return Kind.IMAGE;
    }

    String imageId();

    /** Which of the image's records applying this at {@code time} would add to. */
    Growth growth(ImageState image, long time);

    /** Applies the event to the image by the counting rules ({@link ImageRules}). */
    void applyTo(ImageState image, long time);
  }

  /** A pointer sample over an image: tracked at most 60 times a second, not while selected. */
  record Pointer(PointerSample payload) implements ImageEvent {
    @Override
    public String imageId() {
      return payload.getImageId();
    }

    @Override
    public Growth growth(ImageState image, long time) {
      return ImageRules.wouldTrack(image, time) ? Growth.TRACK_POINT : Growth.NONE;
    }

    @Override
    public void applyTo(ImageState image, long time) {
      ImageRules.pointer(image, payload.getX(), payload.getY(), time);
    }
  }

  /** The pointer entered or left an image. */
  record Hover(HoverChanged payload) implements ImageEvent {
    @Override
    public String imageId() {
      return payload.getImageId();
    }

    @Override
    public Growth growth(ImageState image, long time) {
      return Growth.HOVER_RECORD;
    }

    @Override
    public void applyTo(ImageState image, long time) {
      if (payload.getEntered()) {
        ImageRules.hoverEnter(image, time);
      } else {
        ImageRules.hoverLeave(image, time);
      }
    }
  }

  /** A click toggled an image's selection; only a selecting click is recorded. */
  record Selection(SelectionToggled payload) implements ImageEvent {
    @Override
    public String imageId() {
      return payload.getImageId();
    }

    @Override
    public Growth growth(ImageState image, long time) {
      return payload.getSelected() && !image.getRecord().getSelected() ? Growth.SELECTED_RECORD : Growth.NONE;
    }

    @Override
    public void applyTo(ImageState image, long time) {
      ImageRules.selection(image, payload.getX(), payload.getY(), payload.getSelected(), time);
    }
  }

  /** An image's layout was measured. */
  record Layout(ImageLaidOut payload) implements ImageEvent {
    @Override
    public String imageId() {
      return payload.getImageId();
    }

    @Override
    public Growth growth(ImageState image, long time) {
      return Growth.NONE;
    }

    @Override
    public void applyTo(ImageState image, long time) {
      ImageRules.layout(image, payload);
    }
  }
}
