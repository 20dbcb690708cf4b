package io.byproduct.analytics.export.table;

import static io.byproduct.analytics.export.table.Column.bigint;
import static io.byproduct.analytics.export.table.Column.bool;
import static io.byproduct.analytics.export.table.Column.decimal;
import static io.byproduct.analytics.export.table.Column.integer;
import static io.byproduct.analytics.export.table.Column.millis;
import static io.byproduct.analytics.export.table.Column.string;

import io.byproduct.schemas.event.FocusChanged;
import io.byproduct.schemas.event.HitFinished;
import io.byproduct.schemas.event.HitStarted;
import io.byproduct.schemas.event.HoverChanged;
import io.byproduct.schemas.event.ImageLaidOut;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.PageOpened;
import io.byproduct.schemas.event.PageSubmitted;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.event.SelectionToggled;
import io.byproduct.schemas.event.VisibilityChanged;
import io.byproduct.schemas.json.RecordJson;
import java.util.List;

/**
 * The flat {@code events} table: one row per raw interaction event, its kind in {@code type} and
 * the payload's fields in named columns (null where the kind has no such field).
 */
public final class EventTable {

  private EventTable() {}

  public static final Table TABLE = new Table("events", "One row per raw interaction event.", List.of(
      string("event_id", "sessionId:seq."),
      string("session_id", "One page load of the worker's browser."),
      bigint("seq", "1, 2, ... per session; (session_id, seq) identifies an event."),
      string("annotation_id", "The HIT-level annotation (assignment), a UUID."),
      integer("page_no", "1-based page of the HIT."),
      string("worker_id", "Worker pseudonym (keyed HMAC)."),
      string("hit_dataset_name", "The HIT's dataset."),
      string("imagenet_hit_id", "The HIT."),
      string("assignment_id", "MTurk's assignment id."),
      string("hit_id", "MTurk's HIT id."),
      string("version", "Interface version."),
      millis("client_time_ms", "Epoch ms, browser clock."),
      millis("gateway_time_ms", "Epoch ms, gateway clock when accepted."),
      string("type", "The kind: PageOpened, ImageLaidOut, PointerSample, HoverChanged, SelectionToggled,"
          + " VisibilityChanged, FocusChanged, PageSubmitted, HitStarted, HitFinished."),
      bool("page_replaced", "This page load's page was shown again in a later page load (session) of the annotation."),
      bool("resent", "A second or later copy of (session_id, seq); only with --no-dedupe."),
      string("image_id", "ImageLaidOut, PointerSample, HoverChanged, SelectionToggled: the image."),
      decimal("x", "PointerSample, SelectionToggled: fraction of the rendered width."),
      decimal("y", "PointerSample, SelectionToggled: fraction of the rendered height (y downwards)."),
      bool("entered", "HoverChanged: true = entered, false = left."),
      bool("selected", "SelectionToggled: the state after the click."),
      bool("visible", "VisibilityChanged."),
      bool("focused", "FocusChanged."),
      decimal("layout_x", "ImageLaidOut: left offset in the document, CSS px."),
      decimal("layout_y", "ImageLaidOut: top offset in the document, CSS px."),
      decimal("layout_width", "ImageLaidOut: rendered width, CSS px."),
      decimal("layout_height", "ImageLaidOut: rendered height, CSS px."),
      integer("natural_width", "ImageLaidOut: width of the image file, px."),
      integer("natural_height", "ImageLaidOut: height of the image file, px."),
      string("page_id", "PageSubmitted: the page's id."),
      millis("started_at_ms", "PageSubmitted, HitStarted: epoch ms, browser clock."),
      bool("last_page", "PageSubmitted: the HIT's last page."),
      string("annotator_id", "HitStarted."),
      integer("page_count", "PageOpened, HitFinished: pages of the HIT."),
      string("class_id", "PageOpened: the class."),
      string("wnid", "PageOpened: WordNet id."),
      string("synset", "PageOpened: the class's words, a JSON array."),
      string("image_ids", "PageOpened: the page's images in order, a JSON array.")));

  private static final int PAYLOAD = TABLE.indexOf("image_id");

  public static Object[] row(InteractionEvent e, boolean pageReplaced, boolean resent) {
    Object[] row = new Object[TABLE.width()];
    Object[] head = {e.getEventId(), e.getSessionId(), e.getSeq(), e.getAnnotationId(), e.getPageNo(), e.getWorkerId(),
        e.getHitDatasetName(), e.getImageNetHitId(), e.getAssignmentId(), e.getHitId(), e.getVersion().name(),
        e.getClientTime(), e.getGatewayTime(), e.getPayload().getClass().getSimpleName(), pageReplaced, resent};
    System.arraycopy(head, 0, row, 0, head.length);
    Object p = e.getPayload();
    if (p instanceof ImageLaidOut l) {
      put(row, "image_id", l.getImageId(), "layout_x", l.getX(), "layout_y", l.getY(), "layout_width", l.getWidth(),
          "layout_height", l.getHeight(), "natural_width", l.getNaturalWidth(), "natural_height", l.getNaturalHeight());
    } else if (p instanceof PointerSample s) {
      put(row, "image_id", s.getImageId(), "x", s.getX(), "y", s.getY());
    } else if (p instanceof HoverChanged h) {
      put(row, "image_id", h.getImageId(), "entered", h.getEntered());
    } else if (p instanceof SelectionToggled t) {
      put(row, "image_id", t.getImageId(), "x", t.getX(), "y", t.getY(), "selected", t.getSelected());
    } else if (p instanceof VisibilityChanged v) {
      put(row, "visible", v.getVisible());
    } else if (p instanceof FocusChanged f) {
      put(row, "focused", f.getFocused());
    } else if (p instanceof PageSubmitted s) {
      put(row, "page_id", s.getPageId(), "started_at_ms", s.getStartedAt(), "last_page", s.getLastPage());
    } else if (p instanceof HitStarted h) {
      put(row, "started_at_ms", h.getStartedAt(), "annotator_id", h.getAnnotatorId());
    } else if (p instanceof HitFinished h) {
      put(row, "page_count", h.getPageCount());
    } else if (p instanceof PageOpened o) {
      put(row, "page_count", o.getPageCount(), "class_id", o.getClassId(), "wnid", o.getWnid(), "synset",
          json(o.getSynset()), "image_ids", json(o.getImageIds()));
    }
    return row;
  }

  private static void put(Object[] row, Object... namesAndValues) {
    for (int i = 0; i < namesAndValues.length; i += 2) {
      int index = TABLE.indexOf((String) namesAndValues[i]);
      if (index < PAYLOAD) {
        throw new IllegalStateException("not a payload column: " + namesAndValues[i]);
      }
      Object value = namesAndValues[i + 1];
      row[index] = value instanceof CharSequence text ? text.toString() : value;
    }
  }

  private static String json(List<? extends CharSequence> values) {
    return RecordJson.MAPPER.writeValueAsString(values.stream().map(CharSequence::toString).toList());
  }
}
