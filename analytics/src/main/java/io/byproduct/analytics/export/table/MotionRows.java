package io.byproduct.analytics.export.table;

import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.TrackPoint;
import java.util.List;
import java.util.function.Consumer;

/** The rows of {@code hovers}, {@code points} and {@code clicks}: a page's images split into hovers. */
final class MotionRows {

  private MotionRows() {}

  static void hoverRows(PageRecord p, Consumer<Object[]> out) {
    for (ImageRecord r : p.getImages()) {
      Hovers hovers = Hovers.of(r.getHoveredRecord(), p.getEndedAt());
      int[] points = countBy(hovers, r.getMouseTracking());
      int[] clicks = countBy(hovers, r.getSelectedRecord());
      for (Hovers.Hover h : hovers.all()) {
        out.accept(new Object[] {p.getAnnotationId(), p.getPageNo(), r.getImageID(), h.number(),
            PageTables.workerOf(p, r), p.getHitDatasetName(), h.enteredAt(), h.leftAt(), h.duration(),
            points[h.number()], clicks[h.number()], r.getSelected()});
      }
    }
  }

  static void pointRows(PageRecord p, Consumer<Object[]> out) {
    motionRows(p, out, false);
  }

  static void clickRows(PageRecord p, Consumer<Object[]> out) {
    motionRows(p, out, true);
  }

  private static void motionRows(PageRecord p, Consumer<Object[]> out, boolean clicks) {
    for (ImageRecord r : p.getImages()) {
      Hovers hovers = Hovers.of(r.getHoveredRecord(), p.getEndedAt());
      List<TrackPoint> list = clicks ? r.getSelectedRecord() : r.getMouseTracking();
      for (int i = 0; i < list.size(); i++) {
        TrackPoint t = list.get(i);
        Object[] position = PageTables.position(t, r);
        out.accept(new Object[] {p.getAnnotationId(), p.getPageNo(), r.getImageID(), hovers.numberAt(t.getTime()), i + 1,
            position[0], position[1], position[2], position[3], position[4], PageTables.workerOf(p, r)});
      }
    }
  }

  /** How many of {@code times} fall in each hover (index = hover number; 0 = before the first). */
  private static int[] countBy(Hovers hovers, List<TrackPoint> points) {
    int[] counts = new int[hovers.all().size() + 1];
    for (TrackPoint t : points) {
      Integer n = hovers.numberAt(t.getTime());
      counts[n == null ? 0 : n]++;
    }
    return counts;
  }
}
