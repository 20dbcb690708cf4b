package io.byproduct.bench.system;

import io.byproduct.bench.script.Action;
import io.byproduct.bench.script.PageScript;
import io.byproduct.bench.script.ScriptEvents;
import io.byproduct.bench.script.Worker;
import io.byproduct.bench.script.WorkerScripts;
import io.byproduct.bench.wire.WireFrames;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.InterfaceVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated worker's browser session: the pages it does and the frames its page sends, each
 * with the time the page would send it (every {@code flushMs}, and at once on Submit).
 */
final class SimulatedSession {

  /**
   * A frame and when to send it.
   *
   * @param sendAtMillis client time at which the page sends it
   * @param submitsPage the page number whose Submit the frame carries, 0 if none
   */
  record TimedFrame(long sendAtMillis, WireFrames.Frame frame, int submitsPage) {}

  private final Worker worker;
  private final List<PageScript> pages;
  private final List<TimedFrame> frames;
  private final long startMillis;

  private SimulatedSession(Worker worker, List<PageScript> pages, List<TimedFrame> frames, long startMillis) {
    this.worker = worker;
    this.pages = pages;
    this.frames = frames;
    this.startMillis = startMillis;
  }

  /**
   * Scripts worker {@code index}: pages of 48 images from {@code startMillis} (client time) until
   * {@code maxPages} pages are done or the next page would start after {@code durationMillis}.
   */
  static SimulatedSession script(WorkerScripts scripts, int index, long startMillis, int maxPages, long durationMillis,
      int visitsPerPage, long flushMs) {
    Worker worker = new Worker("sys-ann-" + index + "-" + Long.toHexString(startMillis), "sys-sess-" + index + "-"
        + Long.toHexString(startMillis), "bench", "hit-" + index, "WORKER" + index, "A" + index, "H" + index,
        InterfaceVersion.POINTER_ORIGINAL);
    List<PageScript> pages = new ArrayList<>();
    List<TimedFrame> frames = new ArrayList<>();
    long t = startMillis;
    long seq = 1;
    for (int p = 1; p <= maxPages && (p == 1 || t - startMillis < durationMillis); p++) {
      List<String> images = new ArrayList<>();
      for (int i = 0; i < 48; i++) {
        images.add("n0" + (1000000 + p) + "/n0" + (1000000 + p) + "_" + (1000 + i));
      }
      PageScript page = scripts.page(p, images, t, visitsPerPage, maxPages);
      pages.add(page);
      long pageFirstSeq = seq;
      for (WireFrames.Frame f : WireFrames.frames(page, seq, flushMs)) {
        List<Action> actions = page.actions().subList((int) (f.firstSeq() - pageFirstSeq), (int) (f.lastSeq() - pageFirstSeq) + 1);
        boolean submit = actions.stream().anyMatch(a -> a instanceof Action.Submit);
        long sendAt = submit ? actions.get(actions.size() - 1).time() : actions.get(0).time() + flushMs;
        frames.add(new TimedFrame(sendAt, f, submit ? page.pageNo() : 0));
        seq = f.lastSeq() + 1;
      }
      t = page.actions().get(page.actions().size() - 1).time() + 500;
    }
    return new SimulatedSession(worker, pages, frames, startMillis);
  }

  Worker worker() {
    return worker;
  }

  List<PageScript> pages() {
    return pages;
  }

  List<TimedFrame> frames() {
    return frames;
  }

  /** Client time the session starts. */
  long startMillis() {
    return startMillis;
  }

  long lastSeq() {
    return frames.get(frames.size() - 1).frame().lastSeq();
  }

  /** Client time of the last frame. */
  long endMillis() {
    return frames.get(frames.size() - 1).sendAtMillis();
  }

  /** The events the gateway would write for this session (pseudonymised worker id aside). */
  List<InteractionEvent> events() {
    List<InteractionEvent> all = new ArrayList<>();
    long seq = 1;
    for (PageScript page : pages) {
      List<InteractionEvent> pageEvents = ScriptEvents.of(page, worker, seq, "PSEUDONYM0123456");
      all.addAll(pageEvents);
      seq += pageEvents.size();
    }
    return all;
  }
}
