package io.byproduct.bench.oracle;

import io.byproduct.bench.script.Action;
import io.byproduct.bench.script.PageScript;
import io.byproduct.schemas.record.HoverAction;
import io.byproduct.schemas.record.HoverActionKind;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.Position;
import io.byproduct.schemas.record.TrackPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-image records the original front end would send for a page script, computed the way its
 * browser code runs (one object per image, mutated by its event handlers) and independently of the
 * stream processor's code: the reference the whole-system tests compare stored pages with.
 */
public final class ReferenceRecords {

  private static final double THROTTLE_MS = 1000.0 / 60.0;

  private ReferenceRecords() {}

  private static final class Img {
    final String id;
    int x, y, width, height, naturalWidth, naturalHeight;
    final List<HoverAction> hovers = new ArrayList<>();
    final List<TrackPoint> tracking = new ArrayList<>();
    final List<TrackPoint> selections = new ArrayList<>();
    boolean selected;
    int selectedCount;
    int hoveredCount;
    long estimate;
    Long lastTracked;
    Long firstTrackedThisHover;

    Img(String id) {
      this.id = id;
    }

    void stopClock(long now) {
      if (firstTrackedThisHover != null) {
        estimate += now - firstTrackedThisHover;
        firstTrackedThisHover = null;
      }
    }
  }

  /** The records in page order, as stored for analysis ({@code worker_id} set). */
  public static List<ImageRecord> of(PageScript page, String workerId) {
    List<Img> images = new ArrayList<>();
    page.imageIds().forEach(id -> images.add(new Img(id)));
    long end = 0;
    for (Action action : page.actions()) {
      if (action instanceof Action.LayOut l) {
        Img img = images.get(l.image());
        img.x = (int) Math.round(l.x());
        img.y = (int) Math.round(l.y());
        img.width = (int) Math.round(l.width());
        img.height = (int) Math.round(l.height());
        img.naturalWidth = l.naturalWidth();
        img.naturalHeight = l.naturalHeight();
      } else if (action instanceof Action.Enter e) {
        Img img = images.get(e.image());
        img.hoveredCount++;
        img.hovers.add(new HoverAction(HoverActionKind.enter, e.time()));
        img.lastTracked = null;
        img.firstTrackedThisHover = null;
      } else if (action instanceof Action.Move m) {
        Img img = images.get(m.image());
        if (!img.selected && (img.lastTracked == null || m.time() - img.lastTracked >= THROTTLE_MS)) {
          img.tracking.add(new TrackPoint(m.x(), m.y(), m.time()));
          img.lastTracked = m.time();
          if (img.firstTrackedThisHover == null) {
            img.firstTrackedThisHover = m.time();
          }
        }
      } else if (action instanceof Action.Click c) {
        Img img = images.get(c.image());
        if (c.selectedAfter() && !img.selected) {
          img.selectedCount++;
          img.selections.add(new TrackPoint(c.x(), c.y(), c.time()));
          img.stopClock(c.time());
        }
        img.selected = c.selectedAfter();
      } else if (action instanceof Action.Leave l) {
        Img img = images.get(l.image());
        img.hovers.add(new HoverAction(HoverActionKind.leave, l.time()));
        img.stopClock(l.time());
      } else if (action instanceof Action.Submit s) {
        end = s.time();
      }
    }
    List<ImageRecord> records = new ArrayList<>();
    for (Img img : images) {
      img.stopClock(end);
      records.add(ImageRecord.newBuilder()
          .setImageID(img.id)
          .setOriginalImageHeight(img.naturalHeight).setOriginalImageWidth(img.naturalWidth)
          .setImageHeight(img.height).setImageWidth(img.width)
          .setImagePosition(new Position(img.x, img.y))
          .setHoveredRecord(img.hovers).setHoveredCount(img.hoveredCount)
          .setMouseTracking(img.tracking)
          .setSelected(img.selected).setSelectedCount(img.selectedCount).setSelectedRecord(img.selections)
          .setEstimateTime(img.estimate)
          .setWorkerId(workerId)
          .build());
    }
    return records;
  }
}
