package io.byproduct.bench.script;

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

/** The interaction events of a page script, as the gateway would write them to Kafka. */
public final class ScriptEvents {

  private ScriptEvents() {}

  /**
   * @param firstSeq the sequence number of the page's first event within its session
   * @param workerId the worker id to put in the events (already pseudonymised)
   */
  public static List<InteractionEvent> of(PageScript page, Worker worker, long firstSeq, String workerId) {
    List<InteractionEvent> events = new ArrayList<>();
    long seq = firstSeq;
    for (Action action : page.actions()) {
      events.add(InteractionEvent.newBuilder()
          .setEventId(worker.sessionId() + ":" + seq).setSessionId(worker.sessionId()).setSeq(seq)
          .setAnnotationId(worker.annotationId())
          .setHitDatasetName(worker.hitDatasetName()).setImageNetHitId(worker.imageNetHitId())
          .setPageNo(page.pageNo()).setWorkerId(workerId)
          .setAssignmentId(worker.assignmentId()).setHitId(worker.hitId()).setVersion(worker.version())
          .setClientTime(action.time()).setGatewayTime(action.time())
          .setPayload(payload(action, page.imageIds()))
          .build());
      seq++;
    }
    return events;
  }

  static Object payload(Action action, List<String> images) {
    if (action instanceof Action.OpenPage o) {
      return new PageOpened(o.classId(), null, List.of(), o.imageIds(), o.pageCount());
    }
    if (action instanceof Action.LayOut l) {
      return new ImageLaidOut(images.get(l.image()), l.x(), l.y(), l.width(), l.height(),
          l.naturalWidth(), l.naturalHeight());
    }
    if (action instanceof Action.Enter e) {
      return new HoverChanged(images.get(e.image()), true);
    }
    if (action instanceof Action.Leave l) {
      return new HoverChanged(images.get(l.image()), false);
    }
    if (action instanceof Action.Move m) {
      return new PointerSample(images.get(m.image()), m.x(), m.y());
    }
    if (action instanceof Action.Click c) {
      return new SelectionToggled(images.get(c.image()), c.x(), c.y(), c.selectedAfter());
    }
    if (action instanceof Action.Visibility v) {
      return new VisibilityChanged(v.visible());
    }
    if (action instanceof Action.Submit s) {
      return new PageSubmitted(s.pageId(), s.startedAt(), s.lastPage());
    }
    if (action instanceof Action.StartHit h) {
      return new HitStarted(h.startedAt(), "");
    }
    Action.FinishHit f = (Action.FinishHit) action;
    return new HitFinished(f.pageCount());
  }
}
