package io.byproduct.gateway.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A realistic annotation page as a browser would record it, for measuring the wire format: 48
 * images in the seed's grid (3 columns of 340 px cells, 4 px borders), laid out as they load (and
 * some again when late images shift rows), a worker who scrolls row by row, moves the pointer onto
 * each image along a smooth path, rests with small hand tremor, clicks about a quarter of the
 * images (and undoes a few), once leaves the tab, and submits. Pointer samples are taken at 60 Hz
 * while the pointer moves over an image, never closer than 1000/60 ms, as fixed-point fractions.
 * Deterministic for a given seed.
 */
final class ScriptedPage {

  /** One recorded event: its client time and the wire array without the dt (kind first). */
  record Event(long time, int kind, Object[] values) {}

  static final int IMAGES = 48;
  private static final double SAMPLE_MS = 1000.0 / 60;
  private static final int COLUMNS = 3;
  private static final int CELL = 340;
  private static final int BORDER = 4;
  private static final int GRID_LEFT = 120;
  private static final int GRID_TOP = 420;

  private final Random random;
  private final List<Event> events = new ArrayList<>();
  private final double[] left = new double[IMAGES];
  private final double[] top = new double[IMAGES];
  private final double[] width = new double[IMAGES];
  private final double[] height = new double[IMAGES];
  private final boolean[] selected = new boolean[IMAGES];
  private double time;
  private double lastSample = -1e9;
  private double pointerX = 640;
  private double pointerY = 300;
  private double scrollY;
  private int hovered = -1;
  private int pointerSamples;

  private ScriptedPage(long seed) {
    this.random = new Random(seed);
  }

  static ScriptedPage record(long startEpochMs, long seed) {
    ScriptedPage page = new ScriptedPage(seed);
    page.time = startEpochMs;
    page.play();
    return page;
  }

  List<Event> events() {
    return events;
  }

  int pointerSamples() {
    return pointerSamples;
  }

  /** The page's image ids, as an ImageNet-style HIT names them. */
  static List<String> imageIds() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < IMAGES; i++) {
      ids.add("n01440764/n01440764_" + (10026 + i * 379));
    }
    return ids;
  }

  private void play() {
    emit(0, "c-0", "n01440764", List.of("tench", "Tinca tinca"), 10);
    layOut();
    for (int row = 0; row < IMAGES / COLUMNS; row++) {
      scrollTo(row);
      for (int column = 0; column < COLUMNS; column++) {
        int image = row * COLUMNS + column;
        moveOnto(image);
        rest(300 + random.nextInt(900));
        if (random.nextDouble() < 0.27) {
          click(image);
          rest(150 + random.nextInt(300));
          if (random.nextDouble() < 0.15) {
            click(image);
            rest(200);
          }
        }
      }
      if (row == 9) {
        leaveTab();
      }
    }
    moveTo(640, scrollY + 700, 500);
    time += 400;
    emit(8, "3f2c9a4e-6f1b-4b8e-9d2a-7c5e1f0a8b3d", (long) (events.get(0).time() - 2000), 0);
  }

  private void layOut() {
    double y = GRID_TOP;
    for (int row = 0; row < IMAGES / COLUMNS; row++) {
      double rowHeight = 0;
      for (int column = 0; column < COLUMNS; column++) {
        int i = row * COLUMNS + column;
        boolean portrait = random.nextDouble() < 0.2;
        int naturalWidth = portrait ? 375 : 500;
        int naturalHeight = portrait ? 500 : (random.nextBoolean() ? 375 : 333);
        double scale = Math.min((double) CELL / naturalWidth, (double) CELL / naturalHeight);
        width[i] = Math.round(naturalWidth * scale * 100) / 100.0;
        height[i] = Math.round(naturalHeight * scale * 100) / 100.0;
        left[i] = GRID_LEFT + column * (CELL + 2 * BORDER + 8) + BORDER + (CELL - width[i]) / 2;
        top[i] = y + BORDER;
        rowHeight = Math.max(rowHeight, height[i] + 2 * BORDER + 8);
        time += 5 + random.nextInt(40);
        emitLayout(i, naturalWidth, naturalHeight);
      }
      y += rowHeight;
    }
    // a late image in row 3 grows its row: the 36 images below move and are measured again
    time += 300;
    for (int i = 12; i < IMAGES; i++) {
      top[i] += 12;
      emitLayout(i, 500, 375);
    }
  }

  private void emitLayout(int i, int naturalWidth, int naturalHeight) {
    emit(1, i, num(left[i]), num(top[i]), num(width[i]), num(height[i]), naturalWidth, naturalHeight);
  }

  private void scrollTo(int row) {
    double target = Math.max(0, top[row * COLUMNS] - 150);
    if (target > scrollY) {
      // wheel scrolling moves the page under the resting pointer
      double from = scrollY;
      int steps = 12;
      for (int s = 1; s <= steps; s++) {
        time += 25;
        double next = from + (target - from) * s / steps;
        pointerY += next - scrollY;
        scrollY = next;
        pointerAt(pointerX, pointerY, false);
      }
    }
  }

  private void moveOnto(int image) {
    double x = left[image] + width[image] * (0.25 + 0.5 * random.nextDouble());
    double y = top[image] + height[image] * (0.25 + 0.5 * random.nextDouble());
    double distance = Math.hypot(x - pointerX, y - pointerY);
    moveTo(x, y, 180 + distance * 0.6);
  }

  /** A minimum-jerk movement to (x, y) in {@code durationMs}, one mousemove per frame at 60 Hz. */
  private void moveTo(double x, double y, double durationMs) {
    double fromX = pointerX;
    double fromY = pointerY;
    int steps = Math.max(1, (int) (durationMs / SAMPLE_MS));
    for (int s = 1; s <= steps; s++) {
      double t = (double) s / steps;
      double eased = t * t * t * (10 - 15 * t + 6 * t * t);
      time += SAMPLE_MS;
      pointerAt(fromX + (x - fromX) * eased, fromY + (y - fromY) * eased, true);
    }
  }

  /** Rests on the image: the hand trembles a pixel or two in about half of the frames. */
  private void rest(int durationMs) {
    double end = time + durationMs;
    while (time < end) {
      time += SAMPLE_MS;
      if (random.nextBoolean()) {
        pointerAt(pointerX + random.nextInt(5) - 2, pointerY + random.nextInt(5) - 2, true);
      }
    }
  }

  private void click(int image) {
    time += 90 + random.nextInt(60);
    selected[image] = !selected[image];
    emit(5, image, fixed(pointerX, left[image], width[image]), fixed(pointerY, top[image], height[image]), selected[image] ? 1 : 0);
  }

  private void leaveTab() {
    time += 200;
    emit(7, 0);
    emit(6, 0);
    time += 4000 + random.nextInt(8000);
    emit(6, 1);
    emit(7, 1);
  }

  private void pointerAt(double x, double y, boolean moved) {
    pointerX = x;
    pointerY = y;
    int over = imageAt(x, y);
    if (over != hovered) {
      if (hovered >= 0) {
        emit(4, hovered);
      }
      if (over >= 0) {
        emit(3, over);
        lastSample = -1e9; // the first point coincides with the entry
      }
      hovered = over;
    }
    if (over >= 0 && moved && time - lastSample >= SAMPLE_MS - 0.01) {
      lastSample = time;
      pointerSamples++;
      emit(2, over, fixed(x, left[over], width[over]), fixed(y, top[over], height[over]));
    }
  }

  private int imageAt(double x, double y) {
    for (int i = 0; i < IMAGES; i++) {
      if (x >= left[i] && x < left[i] + width[i] && y >= top[i] && y < top[i] + height[i]) {
        return i;
      }
    }
    return -1;
  }

  private void emit(int kind, Object... values) {
    events.add(new Event((long) time, kind, values));
  }

  private static int fixed(double position, double start, double size) {
    return (int) Math.max(0, Math.min(10_000, Math.round((position - start) / size * 10_000)));
  }

  /** CSS px as the browser reports them: integers without a fraction. */
  private static Object num(double px) {
    return px == Math.rint(px) ? (Object) (long) px : (Object) px;
  }
}
