package io.byproduct.analytics.export;

import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.TrackPoint;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pointer trajectories as a long-format CSV that R's mousetrap reads with {@code
 * mt_import_long(read.csv(file))} and its defaults: one row per pointer sample, a trajectory ({@code
 * mt_id}) per image of a page, ordered by {@code mt_seq}; {@code timestamps} in epoch milliseconds
 * of the browser's clock; {@code xpos}, {@code ypos} as fractions of the rendered image (0..1,
 * origin top-left, y downwards). Every other column is constant within a trajectory (trial-level
 * data for mousetrap).
 *
 * <p>From pages or images: the per-image record's {@code mouseTracking} (at most one point per
 * 1000/60 ms, paused while the image was selected). From events: every raw {@code PointerSample}
 * (also while selected), in the order received.
 */
final class MousetrapCsv {

  static final List<String> RECORD_COLUMNS = List.of("mt_id", "mt_seq", "timestamps", "xpos", "ypos",
      "annotation_id", "page_no", "image_id", "position", "worker_id", "hit_dataset_name", "imagenet_hit_id",
      "version", "status", "selected", "image_width", "image_height", "original_image_width",
      "original_image_height");
  static final List<String> EVENT_COLUMNS = List.of("mt_id", "mt_seq", "timestamps", "xpos", "ypos",
      "annotation_id", "page_no", "image_id", "worker_id", "hit_dataset_name", "imagenet_hit_id", "version");

  private final Writer out;
  private final Map<String, Integer> eventSeq = new HashMap<>();

  MousetrapCsv(Writer out, boolean events) throws IOException {
    this.out = out;
    row((events ? EVENT_COLUMNS : RECORD_COLUMNS).toArray());
  }

  static String trajectoryId(String annotationId, int pageNo, String imageId) {
    return annotationId + ":" + pageNo + ":" + imageId;
  }

  void page(PageRecord page) throws IOException {
    for (int i = 0; i < page.getImages().size(); i++) {
      ImageRecord image = page.getImages().get(i);
      String id = trajectoryId(page.getAnnotationId(), page.getPageNo(), image.getImageID());
      int seq = 0;
      for (TrackPoint p : image.getMouseTracking()) {
        row(id, ++seq, p.getTime(), decimal(p.getX()), decimal(p.getY()), page.getAnnotationId(), page.getPageNo(),
            image.getImageID(), i, image.getWorkerId(), page.getHitDatasetName(), page.getImageNetHitId(),
            page.getVersion(), page.getStatus().name(), image.getSelected() ? "TRUE" : "FALSE", image.getImageWidth(),
            image.getImageHeight(), image.getOriginalImageWidth(), image.getOriginalImageHeight());
      }
    }
  }

  void event(InteractionEvent e) throws IOException {
    if (!(e.getPayload() instanceof PointerSample p)) {
      return;
    }
    String id = trajectoryId(e.getAnnotationId(), e.getPageNo(), p.getImageId());
    int seq = eventSeq.merge(id, 1, Integer::sum);
    row(id, seq, e.getClientTime(), decimal(p.getX()), decimal(p.getY()), e.getAnnotationId(), e.getPageNo(),
        p.getImageId(), e.getWorkerId(), e.getHitDatasetName(), e.getImageNetHitId(), e.getVersion().name());
  }

  /** Plain decimal notation (never 1.0E-4), as short as the double allows. */
  static String decimal(double value) {
    if (value == 0) {
      return "0";
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private void row(Object... values) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(field(values[i]));
    }
    line.append('\n');
    out.write(line.toString());
  }

  /** RFC 4180: quoted when it holds a comma, quote or line break; missing values are NA (R's default). */
  static String field(Object value) {
    if (value == null) {
      return "NA";
    }
    String text = value.toString();
    if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
