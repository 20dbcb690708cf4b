package io.byproduct.analytics.export.table;

import static io.byproduct.analytics.export.table.Column.bigint;
import static io.byproduct.analytics.export.table.Column.bool;
import static io.byproduct.analytics.export.table.Column.decimal;
import static io.byproduct.analytics.export.table.Column.integer;
import static io.byproduct.analytics.export.table.Column.millis;
import static io.byproduct.analytics.export.table.Column.string;

import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.TrackPoint;
import java.util.List;
import java.util.function.Consumer;

/**
 * The flat tables made from finished pages: {@code pages}, {@code images}, {@code hovers},
 * {@code points}, {@code clicks}. Every table starts with the keys that join it to the others:
 * {@code annotation_id, page_no} (a page), {@code + image_id} (an image of it), {@code +
 * hover_no} (a hover of that image). Coordinates: {@code x}, {@code y} are fractions of the
 * rendered image, {@code x_px}, {@code y_px} the same point in CSS pixels of the rendered image.
 */
public final class PageTables {

  private PageTables() {}

  /** Writes the rows a page contributes to a table. */
  @FunctionalInterface
  public interface Rows {
    void of(PageRecord page, Consumer<Object[]> out);
  }

  /** A table and how pages become its rows. */
  public record Flat(Table table, Rows rows) {}

  private static final List<Column> PAGE_KEY = List.of(
      string("annotation_id", "The HIT-level annotation (assignment), a UUID."),
      integer("page_no", "1-based page of the HIT."));
  private static final List<Column> IMAGE_KEY = List.of(PAGE_KEY.get(0), PAGE_KEY.get(1),
      string("image_id", "The image, ImageNet style (n01440764/n01440764_105)."));
  private static final Column WORKER = string("worker_id", "Worker pseudonym (keyed HMAC), never the MTurk id.");
  private static final Column DATASET = string("hit_dataset_name", "The HIT's dataset.");
  private static final Column SOURCE = string("source",
      "How the page arrived: stream (our page's events, folded; points to 1e-4) or rest (the original front end's"
      + " PUT, stored as sent; full double precision, estimate_time_ms the browser's own count).");

  public static final Flat PAGES = new Flat(Table.of("pages", "One row per finished page.", PAGE_KEY,
      string("page_id", "The page's own id (browser-made UUID); null when abandoned."),
      string("status", "SUBMITTED or ABANDONED."),
      SOURCE, WORKER, DATASET,
      string("imagenet_hit_id", "The HIT."),
      string("version", "Interface version: POINTER_ORIGINAL, NO_POINTER_ORIGINAL, POINTER_NO_ORIGINAL, NO_POINTER_NO_ORIGINAL."),
      millis("started_at_ms", "When the page opened, epoch ms, browser clock."),
      millis("ended_at_ms", "Submit (or last event when abandoned), epoch ms, browser clock."),
      millis("duration_ms", "ended_at_ms - started_at_ms."),
      bigint("event_count", "Distinct events folded into the page."),
      integer("image_count", "Images with a record (shown or touched)."),
      integer("selected_image_count", "Images selected when the page ended."),
      string("content_hash", "rest pages: SHA-256 of the page as sent (its identity); null for stream pages.")),
      PageTables::pageRow);

  public static final Flat IMAGES = new Flat(Table.of("images",
      "One row per image of a finished page, with its page's context.", IMAGE_KEY,
      integer("position", "0-based index of the image on its page."),
      PAGES.table().columns().get(2), PAGES.table().columns().get(3), SOURCE, WORKER, DATASET,
      PAGES.table().columns().get(7), PAGES.table().columns().get(8),
      millis("page_started_at_ms", "The page's started_at_ms."),
      millis("page_ended_at_ms", "The page's ended_at_ms."),
      bool("selected", "Selected when the page ended."),
      integer("selected_count", "Selecting clicks (de-selecting clicks do not count)."),
      integer("hovered_count", "Times the pointer entered the image."),
      millis("estimate_time_ms", "Time hovered while unselected (the original's estimateTime)."),
      integer("image_width", "Rendered width, CSS px."),
      integer("image_height", "Rendered height, CSS px."),
      integer("original_image_width", "Width of the image file, px."),
      integer("original_image_height", "Height of the image file, px."),
      integer("image_x", "Left offset of the image in the document, CSS px."),
      integer("image_y", "Top offset of the image in the document, CSS px."),
      integer("point_count", "Tracked pointer positions (rows in points).")),
      PageTables::imageRows);

  private static final Column HOVER_NO = integer("hover_no",
      "1-based hover of the image on the page (the n-th time the pointer entered it); null before the first enter.");

  public static final Flat HOVERS = new Flat(Table.of("hovers", "One row per hover: the pointer entered an image and left it.",
      IMAGE_KEY, HOVER_NO, WORKER, DATASET,
      millis("entered_at_ms", "When the pointer entered, epoch ms, browser clock."),
      millis("left_at_ms", "When it left; null if the page ended (or it entered again) without a leave."),
      millis("duration_ms", "Until the leave, the next enter, or the page's end."),
      integer("point_count", "Tracked pointer positions in this hover."),
      integer("click_count", "Selecting clicks in this hover."),
      bool("selected", "The image was selected when the page ended.")),
      MotionRows::hoverRows);

  private static final List<Column> POSITION = List.of(
      millis("time_ms", "Epoch ms, browser clock."),
      decimal("x", "Fraction of the rendered width, 0..1, from the left."),
      decimal("y", "Fraction of the rendered height, 0..1, from the top (y downwards)."),
      decimal("x_px", "x in CSS px of the rendered image."),
      decimal("y_px", "y in CSS px of the rendered image."));

  public static final Flat POINTS = new Flat(Table.of("points",
      "One row per tracked pointer position (<= 60 Hz, none while the image is selected).", IMAGE_KEY, HOVER_NO,
      integer("point_no", "1-based position of the point among the image's points."),
      POSITION.get(0), POSITION.get(1), POSITION.get(2), POSITION.get(3), POSITION.get(4), WORKER),
      MotionRows::pointRows);

  public static final Flat CLICKS = new Flat(Table.of("clicks", "One row per selecting click.", IMAGE_KEY, HOVER_NO,
      integer("click_no", "1-based selecting click of the image."),
      POSITION.get(0), POSITION.get(1), POSITION.get(2), POSITION.get(3), POSITION.get(4), WORKER),
      MotionRows::clickRows);

  private static void pageRow(PageRecord p, Consumer<Object[]> out) {
    int selected = (int) p.getImages().stream().filter(ImageRecord::getSelected).count();
    out.accept(new Object[] {p.getAnnotationId(), p.getPageNo(), p.getPageId(), p.getStatus().name(), p.getSource(),
        p.getWorkerId(), p.getHitDatasetName(), p.getImageNetHitId(), p.getVersion(), p.getStartedAt(), p.getEndedAt(),
        p.getEndedAt() - p.getStartedAt(), p.getEventCount(), p.getImages().size(), selected, p.getContentHash()});
  }

  private static void imageRows(PageRecord p, Consumer<Object[]> out) {
    for (int i = 0; i < p.getImages().size(); i++) {
      ImageRecord r = p.getImages().get(i);
      out.accept(new Object[] {p.getAnnotationId(), p.getPageNo(), r.getImageID(), i, p.getPageId(),
          p.getStatus().name(), p.getSource(), workerOf(p, r), p.getHitDatasetName(), p.getImageNetHitId(), p.getVersion(),
          p.getStartedAt(), p.getEndedAt(), r.getSelected(), r.getSelectedCount(), r.getHoveredCount(),
          r.getEstimateTime(), r.getImageWidth(), r.getImageHeight(), r.getOriginalImageWidth(),
          r.getOriginalImageHeight(), r.getImagePosition().getX(), r.getImagePosition().getY(),
          r.getMouseTracking().size()});
    }
  }

  static String workerOf(PageRecord p, ImageRecord r) {
    return r.getWorkerId() != null ? r.getWorkerId() : p.getWorkerId();
  }

  /** A point's or click's position columns: time, fractions, CSS px. */
  static Object[] position(TrackPoint t, ImageRecord r) {
    return new Object[] {t.getTime(), t.getX(), t.getY(), pixels(t.getX(), r.getImageWidth()),
        pixels(t.getY(), r.getImageHeight())};
  }

  /**
   * A fraction of the rendered size in CSS px, to 1/100 px: the wire's 1e-4 steps give no finer
   * position on images up to 10,000 px.
   */
  public static double pixels(double fraction, double size) {
    return Math.round(fraction * size * 100) / 100.0;
  }
}
