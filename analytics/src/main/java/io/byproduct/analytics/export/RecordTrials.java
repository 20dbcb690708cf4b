package io.byproduct.analytics.export;

import io.byproduct.analytics.export.table.Hovers;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.TrackPoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Mousetrap trials from finished pages: per image, one trial per hover of its {@code
 * hoveredRecord}, holding the tracked points ({@code mouseTracking}, at most 60 Hz, none while
 * selected) and selecting clicks ({@code selectedRecord}) from its enter on. Positions before the
 * image's first enter make trial 0. A hover without positions has no rows.
 */
final class RecordTrials {

  static final List<String> COLUMNS = List.of("annotation_id", "page_no", "image_id", "hover_no", "position",
      "worker_id", "hit_dataset_name", "imagenet_hit_id", "version", "status", "entered_at_ms", "left_at_ms",
      "response", "selected", "image_width", "image_height", "original_image_width", "original_image_height");

  private final MousetrapCsv csv;

  RecordTrials(MousetrapCsv csv) {
    this.csv = csv;
  }

  void page(PageRecord page) throws IOException {
    for (int i = 0; i < page.getImages().size(); i++) {
      ImageRecord image = page.getImages().get(i);
      Hovers hovers = Hovers.of(image.getHoveredRecord(), page.getEndedAt());
      List<List<MousetrapCsv.Position>> byHover = new ArrayList<>();
      for (int h = 0; h <= hovers.all().size(); h++) {
        byHover.add(new ArrayList<>());
      }
      add(byHover, hovers, image.getMouseTracking(), false);
      add(byHover, hovers, image.getSelectedRecord(), true);
      for (int h = 0; h < byHover.size(); h++) {
        List<MousetrapCsv.Position> positions = byHover.get(h);
        if (positions.isEmpty()) {
          continue;
        }
        positions.sort(Comparator.comparingLong(MousetrapCsv.Position::time)
            .thenComparing(MousetrapCsv.Position::click));
        Hovers.Hover hover = h == 0 ? null : hovers.all().get(h - 1);
        boolean clicked = positions.stream().anyMatch(MousetrapCsv.Position::click);
        String worker = image.getWorkerId() != null ? image.getWorkerId() : page.getWorkerId();
        csv.trial(MousetrapCsv.trialId(page.getAnnotationId(), page.getPageNo(), image.getImageID(), h), positions,
            image.getImageWidth(), image.getImageHeight(),
            page.getAnnotationId(), page.getPageNo(), image.getImageID(), h, i, worker, page.getHitDatasetName(),
            page.getImageNetHitId(), page.getVersion(), page.getStatus().name(),
            hover == null ? null : hover.enteredAt(), hover == null ? null : hover.leftAt(),
            clicked ? "selected" : "none", image.getSelected(), image.getImageWidth(), image.getImageHeight(),
            image.getOriginalImageWidth(), image.getOriginalImageHeight());
      }
    }
  }

  private static void add(List<List<MousetrapCsv.Position>> byHover, Hovers hovers, List<TrackPoint> points,
      boolean clicks) {
    for (TrackPoint p : points) {
      Integer hover = hovers.numberAt(p.getTime());
      byHover.get(hover == null ? 0 : hover).add(new MousetrapCsv.Position(p.getTime(), p.getX(), p.getY(), clicks));
    }
  }
}
