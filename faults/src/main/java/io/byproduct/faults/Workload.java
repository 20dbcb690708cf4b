package io.byproduct.faults;

import io.byproduct.bench.script.Action;
import io.byproduct.bench.script.PageScript;
import io.byproduct.bench.script.Worker;
import io.byproduct.bench.script.WorkerScripts;
import io.byproduct.bench.wire.WireFrames;
import io.byproduct.schemas.event.InterfaceVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The scripted sessions of a fault test: each simulated worker does a HIT of a few short pages of
 * 48 images (bench's {@link WorkerScripts}), encoded as the frames its page would send, flushed
 * every 500 ms. Deterministic for a seed, apart from the ids (fresh per run) and the clock.
 */
public final class Workload {

  /** One worker's session: who, the pages as scripted, and the frames carrying them in order. */
  public record Session(Worker worker, List<PageScript> pages, List<WireFrames.Frame> frames) {

    public long lastSeq() {
      return frames.get(frames.size() - 1).lastSeq();
    }
  }

  private Workload() {}

  /**
   * @param workers simulated workers
   * @param pages pages per HIT
   * @param visits images the pointer visits on each page (about 1.3 s each)
   */
  public static List<Session> sessions(int workers, int pages, int visits, long seed) {
    Random ids = new Random(seed);
    List<Session> sessions = new ArrayList<>();
    long start = System.currentTimeMillis() - 60_000;
    for (int w = 0; w < workers; w++) {
      String annotationId = new UUID(ids.nextLong(), ids.nextLong()).toString();
      Worker worker = new Worker(annotationId, "sess-" + annotationId, "demo", "demo-hit-01",
          "A1FAULT" + Integer.toHexString(w).toUpperCase() + annotationId.substring(0, 4).toUpperCase(),
          "ASSIGN-" + w, "MTURKHIT-1", InterfaceVersion.POINTER_NO_ORIGINAL);
      WorkerScripts scripts = new WorkerScripts(seed * 1000 + w);
      List<PageScript> scripted = new ArrayList<>();
      List<WireFrames.Frame> frames = new ArrayList<>();
      long t = start;
      long seq = 1;
      for (int p = 1; p <= pages; p++) {
        PageScript page = scripts.page(p, images(p), t, visits, pages);
        List<WireFrames.Frame> pageFrames = WireFrames.frames(page, seq, 500);
        scripted.add(page);
        frames.addAll(pageFrames);
        seq = pageFrames.get(pageFrames.size() - 1).lastSeq() + 1;
        List<Action> actions = page.actions();
        t = actions.get(actions.size() - 1).time() + 1000;
      }
      sessions.add(new Session(worker, scripted, frames));
    }
    return sessions;
  }

  /** 48 image ids of page {@code page}, as the demo's synsets name them. */
  public static List<String> images(int page) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      ids.add("n0" + (1440764 + page) + "/n0" + (1440764 + page) + "_" + (100 + i));
    }
    return ids;
  }
}
