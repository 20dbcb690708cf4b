package io.byproduct.gateway.ingest;

import static io.byproduct.gateway.ingest.JsonFields.flag;
import static io.byproduct.gateway.ingest.JsonFields.id;
import static io.byproduct.gateway.ingest.JsonFields.intIn;
import static io.byproduct.gateway.ingest.JsonFields.integer;
import static io.byproduct.gateway.ingest.JsonFields.number;
import static io.byproduct.gateway.ingest.JsonFields.optionalId;
import static io.byproduct.gateway.ingest.JsonFields.text;

import io.byproduct.schemas.event.FocusChanged;
import io.byproduct.schemas.event.HitFinished;
import io.byproduct.schemas.event.HitStarted;
import io.byproduct.schemas.event.HoverChanged;
import io.byproduct.schemas.event.ImageLaidOut;
import io.byproduct.schemas.event.PageOpened;
import io.byproduct.schemas.event.PageSubmitted;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.event.SelectionToggled;
import io.byproduct.schemas.event.VisibilityChanged;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Turns the elements after {@code [kind,dt,...]} of one event array into its Avro payload record.
 * Coordinates inside images are fixed point (1e-4 of the rendered size, 0..10000) and become
 * fractions; {@code i} is an index into the connection's image table.
 */
final class PayloadDecoder {

  /** Fixed-point scale of in-image coordinates: 10000 = the full width or height. */
  static final int FIXED_POINT_SCALE = 10_000;
  /** Bounds of page-layout numbers in CSS px (generous; a page is not a million pixels tall). */
  private static final double MAX_LAYOUT_PX = 1_000_000;
  private static final int MAX_PAGES = 9_999;
  private static final int MAX_NATURAL_SIZE = 1_000_000;

  private PayloadDecoder() {}

  /**
   * @param event the event array, arity already checked
   * @param where the event's path, e.g. {@code e[3]}; element paths are {@code e[3][k]}
   * @param images the image table in force for this event, or {@code null} if none was sent
   * @param frameImages the frame's own {@code img}, or {@code null} (PageOpened needs it)
   * @param clientTime the event's client time, epoch ms
   */
  static Object decode(EventKind kind, JsonNode event, String where, List<String> images, List<String> frameImages,
      long clientTime) {
    return switch (kind) {
      case PAGE_OPENED -> pageOpened(event, where, frameImages);
      case IMAGE_LAID_OUT -> new ImageLaidOut(image(event, where, images),
          number(event.get(3), at(where, 3), "x", -MAX_LAYOUT_PX, MAX_LAYOUT_PX),
          number(event.get(4), at(where, 4), "y", -MAX_LAYOUT_PX, MAX_LAYOUT_PX),
          number(event.get(5), at(where, 5), "w", 0, MAX_LAYOUT_PX),
          number(event.get(6), at(where, 6), "h", 0, MAX_LAYOUT_PX),
          intIn(event.get(7), at(where, 7), "nw", 0, MAX_NATURAL_SIZE),
          intIn(event.get(8), at(where, 8), "nh", 0, MAX_NATURAL_SIZE));
      case POINTER_SAMPLE -> new PointerSample(image(event, where, images),
          fraction(event.get(3), at(where, 3), "x"), fraction(event.get(4), at(where, 4), "y"));
      case HOVER_ENTERED -> new HoverChanged(image(event, where, images), true);
      case HOVER_LEFT -> new HoverChanged(image(event, where, images), false);
      case SELECTION_TOGGLED -> new SelectionToggled(image(event, where, images),
          fraction(event.get(3), at(where, 3), "x"), fraction(event.get(4), at(where, 4), "y"),
          flag(event.get(5), at(where, 5), "selected"));
      case VISIBILITY_CHANGED -> new VisibilityChanged(flag(event.get(2), at(where, 2), "visible"));
      case FOCUS_CHANGED -> new FocusChanged(flag(event.get(2), at(where, 2), "focused"));
      case PAGE_SUBMITTED -> new PageSubmitted(id(event.get(2), at(where, 2), "pageId"),
          integer(event.get(3), at(where, 3), "startedAt", 0, clientTime),
          flag(event.get(4), at(where, 4), "lastPage"));
      case HIT_STARTED -> new HitStarted(integer(event.get(2), at(where, 2), "startedAt", 0, clientTime),
          annotatorId(event.get(3), at(where, 3)));
      case HIT_FINISHED -> new HitFinished(intIn(event.get(2), at(where, 2), "pageCount", 1, MAX_PAGES));
    };
  }

  /** A fixed-point coordinate 0..10000 as a fraction 0..1. */
  static double fraction(JsonNode node, String where, String name) {
    return integer(node, where, name, 0, FIXED_POINT_SCALE) / (double) FIXED_POINT_SCALE;
  }

  private static PageOpened pageOpened(JsonNode event, String where, List<String> frameImages) {
    String classId = id(event.get(2), at(where, 2), "classId");
    String wnid = optionalId(event.get(3), at(where, 3), "wnid");
    JsonNode synsetNode = JsonFields.array(event.get(4), at(where, 4), "synset");
    List<String> synset = new ArrayList<>(synsetNode.size());
    for (int k = 0; k < synsetNode.size(); k++) {
      synset.add(text(synsetNode.get(k), at(where, 4), "synset[" + k + "]"));
    }
    int pageCount = intIn(event.get(5), at(where, 5), "pageCount", 0, MAX_PAGES);
    if (frameImages == null) {
      throw Rejection.invalid(where + ": PageOpened needs the frame's image table 'img' (its image list)");
    }
    return new PageOpened(classId, wnid, synset, frameImages, pageCount);
  }

  private static String image(JsonNode event, String where, List<String> images) {
    String path = at(where, 2);
    if (images == null) {
      throw Rejection.invalid(path + ": i needs an image table, but none ('img') was sent on this connection yet");
    }
    long index = integer(event.get(2), path, "i", 0, Long.MAX_VALUE);
    if (images.isEmpty()) {
      throw Rejection.invalid(path + ": i must be an index into the image table, but the table is empty");
    }
    if (index >= images.size()) {
      throw Rejection.invalid(path + ": i must be an index into the image table 0.." + (images.size() - 1)
          + ", was " + index);
    }
    return images.get((int) index);
  }

  private static String annotatorId(JsonNode node, String where) {
    String value = text(node, where, "annotatorId");
    if (value.indexOf('|') >= 0) {
      throw Rejection.invalid(where + ": annotatorId must not contain '|'");
    }
    return value;
  }

  private static String at(String where, int element) {
    return where + "[" + element + "]";
  }
}
