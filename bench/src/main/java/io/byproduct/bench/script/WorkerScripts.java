package io.byproduct.bench.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates realistic pages of a worker: the page opens, 48 images are laid out in the original's
 * grid (3 columns of 340 px cells), the pointer travels over images at 60 Hz, hovers in and out,
 * selects some images and de-selects a few, the tab is hidden once in a while, then Submit.
 * Deterministic for a seed.
 */
public final class WorkerScripts {

  static final int COLUMNS = 3;
  static final int CELL = 340;
  static final int HEADER = 260;
  static final long FRAME_MS = 1000 / 60 + 1;

  private final Random random;

  public WorkerScripts(long seed) {
    this.random = new Random(seed);
  }

  /**
   * @param pageNo the page number
   * @param imageIds the page's images
   * @param start client time the page opens
   * @param visits how many images the pointer visits
   * @param pageCount pages in the HIT
   */
  public PageScript page(int pageNo, List<String> imageIds, long start, int visits, int pageCount) {
    List<Action> actions = new ArrayList<>();
    long t = start;
    if (pageNo == 1) {
      actions.add(new Action.StartHit(t, start));
    }
    actions.add(new Action.OpenPage(t, "cls-" + pageNo, imageIds, pageCount));
    for (int i = 0; i < imageIds.size(); i++) {
      int nw = 500;
      int nh = i % 3 == 0 ? 375 : i % 3 == 1 ? 333 : 500;
      double fit = Math.min((double) CELL / nw, (double) CELL / nh);
      double w = Math.floor(nw * fit * 100) / 100;
      double h = Math.floor(nh * fit * 100) / 100;
      actions.add(new Action.LayOut(t, i, 8 + (i % COLUMNS) * (CELL + 8), HEADER + (i / COLUMNS) * (CELL + 8),
          w, h, nw, nh));
    }
    boolean[] selected = new boolean[imageIds.size()];
    t += 300 + random.nextInt(700);
    for (int v = 0; v < visits; v++) {
      int image = random.nextInt(imageIds.size());
      t = hover(actions, image, t, selected);
      t += 50 + random.nextInt(400);
      if (random.nextInt(40) == 0) {
        actions.add(new Action.Visibility(t, false));
        t += 1000 + random.nextInt(3000);
        actions.add(new Action.Visibility(t, true));
      }
    }
    t += 200;
    actions.add(new Action.Submit(t, "page-" + pageNo + "-" + Long.toHexString(random.nextLong()), start,
        pageNo == pageCount));
    if (pageNo == pageCount) {
      actions.add(new Action.FinishHit(t, pageCount));
    }
    return new PageScript(pageNo, imageIds, actions);
  }

  /** One visit: enter, 60 Hz moves for 0.3 to 2.5 s, maybe a click or two, leave. */
  private long hover(List<Action> actions, int image, long t, boolean[] selected) {
    double x = grid(random.nextDouble());
    double y = grid(random.nextDouble());
    actions.add(new Action.Enter(t, image));
    actions.add(new Action.Move(t, image, x, y));
    int frames = 18 + random.nextInt(130);
    int clickAt = random.nextInt(3) == 0 ? -1 : random.nextInt(frames);
    int unclickAt = clickAt >= 0 && random.nextInt(5) == 0 ? clickAt + 1 + random.nextInt(frames - clickAt) : -1;
    for (int f = 1; f <= frames; f++) {
      t += FRAME_MS - 1 + random.nextInt(3);
      x = grid(Math.max(0, Math.min(1, x + (random.nextDouble() - 0.5) * 0.06)));
      y = grid(Math.max(0, Math.min(1, y + (random.nextDouble() - 0.5) * 0.06)));
      actions.add(new Action.Move(t, image, x, y));
      if (f == clickAt || f == unclickAt) {
        selected[image] = !selected[image];
        actions.add(new Action.Click(t + 1, image, x, y, selected[image]));
        t += 1;
      }
    }
    t += FRAME_MS;
    actions.add(new Action.Leave(t, image));
    return t;
  }

  /** A fraction rounded to the wire format's step of 1e-4. */
  static double grid(double fraction) {
    return Math.round(fraction * 10_000) / 10_000.0;
  }
}
