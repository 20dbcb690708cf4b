package io.byproduct.streamprocessor.topology;

import io.byproduct.schemas.event.FocusChanged;
import io.byproduct.schemas.event.HitFinished;
import io.byproduct.schemas.event.HitStarted;
import io.byproduct.schemas.event.HoverChanged;
import io.byproduct.schemas.event.ImageLaidOut;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.event.PageOpened;
import io.byproduct.schemas.event.PageSubmitted;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.event.SelectionToggled;
import java.util.ArrayList;
import java.util.List;

/** Builds the events one browser session sends, in order, with sequence numbers and client times. */
public final class Script {

  public final String annotationId;
  public final String sessionId;
  public final List<InteractionEvent> events = new ArrayList<>();
  private long seq;
  private int pageNo = 1;
  long now;

  public Script(String annotationId, String sessionId, long startTime) {
    this.annotationId = annotationId;
    this.sessionId = sessionId;
    this.now = startTime;
  }

  public Script at(long time) {
    now = time;
    return this;
  }

  public Script page(int pageNo) {
    this.pageNo = pageNo;
    return this;
  }

  public Script opened(String... imageIds) {
    return add(new PageOpened("cls-1", "n01440764", List.of("tench", "Tinca tinca"), List.of(imageIds), 10));
  }

  public Script laidOut(String imageId, double x, double y, double w, double h, int nw, int nh) {
    return add(new ImageLaidOut(imageId, x, y, w, h, nw, nh));
  }

  public Script enter(String imageId) {
    return add(new HoverChanged(imageId, true));
  }

  public Script leave(String imageId) {
    return add(new HoverChanged(imageId, false));
  }

  public Script move(String imageId, double x, double y) {
    return add(new PointerSample(imageId, x, y));
  }

  public Script click(String imageId, double x, double y, boolean selectedAfter) {
    return add(new SelectionToggled(imageId, x, y, selectedAfter));
  }

  public Script focus(boolean focused) {
    return add(new FocusChanged(focused));
  }

  public Script submit(String pageId, long startedAt, boolean lastPage) {
    return add(new PageSubmitted(pageId, startedAt, lastPage));
  }

  public Script hitStarted(long startedAt) {
    return add(new HitStarted(startedAt, ""));
  }

  public Script hitFinished(int pageCount) {
    return add(new HitFinished(pageCount));
  }

  public Script add(Object payload) {
    seq++;
    events.add(InteractionEvent.newBuilder()
        .setEventId(sessionId + ":" + seq).setSessionId(sessionId).setSeq(seq)
        .setAnnotationId(annotationId).setHitDatasetName("demo").setImageNetHitId("hit-0001")
        .setPageNo(pageNo).setWorkerId("W-PSEUDONYM").setAssignmentId("ASSIGN").setHitId("MTURKHIT")
        .setVersion(InterfaceVersion.POINTER_ORIGINAL)
        .setClientTime(now).setGatewayTime(now + 5)
        .setPayload(payload)
        .build());
    return this;
  }

  public InteractionEvent last() {
    return events.get(events.size() - 1);
  }
}
