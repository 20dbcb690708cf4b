package io.byproduct.bench.wire;

import io.byproduct.bench.script.Action;
import io.byproduct.bench.script.PageScript;
import io.byproduct.bench.script.Worker;
import io.byproduct.platform.workers.AssignmentBinding;
import io.byproduct.platform.workers.WorkerPseudonyms;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes simulated workers' actions in the gateway's wire format (docs/wire-format.md) the way
 * the worker's page does: a hello per connection, then frames flushed every {@code flushMs}, split
 * at page boundaries, coordinates in fixed point 1e-4.
 */
public final class WireFrames {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * One frame.
   *
   * @param json the frame as sent in order (the image table only on the page's first frame)
   * @param jsonWithImages the same frame with the image table, for the first frame after a reconnect
   */
  public record Frame(long firstSeq, long lastSeq, int pageNo, String json, String jsonWithImages) {}

  private WireFrames() {}

  /**
   * The hello of a simulated worker, with the capability the gateway would issue for its ids
   * (computed with the gateway's worker-id key, which a test harness holds; a real page gets it
   * from {@code POST .../assignment}).
   */
  public static String hello(Worker w, String workerIdKey) {
    ObjectNode hello = JSON.createObjectNode();
    ObjectNode h = hello.putObject("hello");
    h.put("v", 1);
    h.put("s", w.sessionId());
    h.put("a", w.annotationId());
    h.put("ds", w.hitDatasetName());
    h.put("h", w.imageNetHitId());
    h.put("w", w.workerId());
    h.put("as", w.assignmentId());
    h.put("hi", w.hitId());
    h.put("ver", w.version().name());
    h.put("k", new AssignmentBinding(workerIdKey).capability(w.annotationId(), w.hitDatasetName(), w.imageNetHitId(),
        new WorkerPseudonyms(workerIdKey).pseudonymise(w.workerId()), w.assignmentId(), w.hitId()));
    return JSON.writeValueAsString(hello);
  }

  public static List<Frame> frames(PageScript page, long firstSeq, long flushMs) {
    List<Frame> frames = new ArrayList<>();
    List<Action> actions = page.actions();
    long seq = firstSeq;
    int start = 0;
    while (start < actions.size()) {
      long t0 = actions.get(start).time();
      int end = start;
      while (end < actions.size() && actions.get(end).time() - t0 < flushMs && end - start < 1000) {
        end++;
      }
      ArrayNode events = JSON.createArrayNode();
      for (int k = start; k < end; k++) {
        events.add(event(actions.get(k), t0));
      }
      String plain = frame(seq, page, t0, events, start == 0);
      String withImages = start == 0 ? plain : frame(seq, page, t0, events, true);
      frames.add(new Frame(seq, seq + (end - start) - 1, page.pageNo(), plain, withImages));
      seq += end - start;
      start = end;
    }
    return frames;
  }

  private static String frame(long seq, PageScript page, long t0, ArrayNode events, boolean images) {
    ObjectNode frame = JSON.createObjectNode();
    frame.put("q", seq);
    frame.put("p", page.pageNo());
    frame.put("t0", t0);
    if (images) {
      ArrayNode img = frame.putArray("img");
      page.imageIds().forEach(img::add);
    }
    frame.set("e", events);
    return JSON.writeValueAsString(frame);
  }

  static ArrayNode event(Action action, long t0) {
    ArrayNode e = JSON.createArrayNode();
    long dt = action.time() - t0;
    if (action instanceof Action.OpenPage o) {
      e.add(0).add(dt).add(o.classId()).addNull().addArray();
      e.add(o.pageCount());
    } else if (action instanceof Action.LayOut l) {
      e.add(1).add(dt).add(l.image()).add(l.x()).add(l.y()).add(l.width()).add(l.height())
          .add(l.naturalWidth()).add(l.naturalHeight());
    } else if (action instanceof Action.Move m) {
      e.add(2).add(dt).add(m.image()).add(fixed(m.x())).add(fixed(m.y()));
    } else if (action instanceof Action.Enter en) {
      e.add(3).add(dt).add(en.image());
    } else if (action instanceof Action.Leave l) {
      e.add(4).add(dt).add(l.image());
    } else if (action instanceof Action.Click c) {
      e.add(5).add(dt).add(c.image()).add(fixed(c.x())).add(fixed(c.y())).add(c.selectedAfter() ? 1 : 0);
    } else if (action instanceof Action.Visibility v) {
      e.add(6).add(dt).add(v.visible() ? 1 : 0);
    } else if (action instanceof Action.Submit s) {
      e.add(8).add(dt).add(s.pageId()).add(s.startedAt()).add(s.lastPage() ? 1 : 0);
    } else if (action instanceof Action.StartHit h) {
      e.add(9).add(dt).add(h.startedAt()).add("");
    } else if (action instanceof Action.FinishHit f) {
      e.add(10).add(dt).add(f.pageCount());
    }
    return e;
  }

  static long fixed(double fraction) {
    return Math.round(fraction * 10_000);
  }
}
