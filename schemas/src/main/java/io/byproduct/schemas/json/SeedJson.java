package io.byproduct.schemas.json;

import io.byproduct.schemas.record.HoverAction;
import io.byproduct.schemas.record.HoverActionKind;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.Position;
import io.byproduct.schemas.record.TrackPoint;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The per-image record in the JSON shape the seed's README documents and analysts know: the same
 * field names, nesting and order ({@code imageID} ... {@code selectedRecord}, {@code worker_id}),
 * followed by the three counters the original front end also sends ({@code selectedCount},
 * {@code hoveredCount}, {@code estimateTime}).
 */
public final class SeedJson {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private SeedJson() {}

  public static String toJson(ImageRecord record) {
    return MAPPER.writeValueAsString(toTree(record));
  }

  public static ObjectNode toTree(ImageRecord r) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("imageID", r.getImageID());
    node.put("originalImageHeight", r.getOriginalImageHeight());
    node.put("originalImageWidth", r.getOriginalImageWidth());
    node.put("imageHeight", r.getImageHeight());
    node.put("imageWidth", r.getImageWidth());
    ObjectNode position = node.putObject("imagePosition");
    position.put("x", r.getImagePosition().getX());
    position.put("y", r.getImagePosition().getY());
    ArrayNode hovers = node.putArray("hoveredRecord");
    for (HoverAction h : r.getHoveredRecord()) {
      hovers.addObject().put("action", h.getAction().name()).put("time", h.getTime());
    }
    writePoints(node.putArray("mouseTracking"), r.getMouseTracking());
    node.put("selected", r.getSelected());
    writePoints(node.putArray("selectedRecord"), r.getSelectedRecord());
    if (r.getWorkerId() == null) {
      node.putNull("worker_id");
    } else {
      node.put("worker_id", r.getWorkerId());
    }
    node.put("selectedCount", r.getSelectedCount());
    node.put("hoveredCount", r.getHoveredCount());
    node.put("estimateTime", r.getEstimateTime());
    return node;
  }

  /**
   * Reads a per-image record in the seed's shape. Counters absent from the input (the README's
   * example has none) are derived the way the original front end counts them.
   *
   * @throws InvalidSeedJsonException naming the first field that is missing or of the wrong type
   */
  public static ImageRecord fromJson(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new InvalidSeedJsonException("(document)", "not valid JSON: " + e.getOriginalMessage());
    }
    return fromTree(node);
  }

  public static ImageRecord fromTree(JsonNode n) {
    if (n == null || !n.isObject()) {
      throw new InvalidSeedJsonException("(record)", "expected a JSON object");
    }
    List<HoverAction> hovers = new ArrayList<>();
    for (JsonNode h : array(n, "hoveredRecord")) {
      String action = text(h, "action");
      HoverActionKind kind;
      try {
        kind = HoverActionKind.valueOf(action);
      } catch (IllegalArgumentException e) {
        throw new InvalidSeedJsonException("hoveredRecord[].action", "must be \"enter\" or \"leave\", was \"" + action + "\"");
      }
      hovers.add(new HoverAction(kind, longValue(h, "time")));
    }
    List<TrackPoint> tracking = points(n, "mouseTracking");
    List<TrackPoint> selections = points(n, "selectedRecord");
    JsonNode position = n.get("imagePosition");
    if (position == null || !position.isObject()) {
      throw new InvalidSeedJsonException("imagePosition", "expected an object {x, y}");
    }
    long entries = hovers.stream().filter(h -> h.getAction() == HoverActionKind.enter).count();
    JsonNode worker = n.get("worker_id");
    return ImageRecord.newBuilder()
        .setImageID(text(n, "imageID"))
        .setOriginalImageHeight(intValue(n, "originalImageHeight"))
        .setOriginalImageWidth(intValue(n, "originalImageWidth"))
        .setImageHeight(intValue(n, "imageHeight"))
        .setImageWidth(intValue(n, "imageWidth"))
        .setImagePosition(new Position(intValue(position, "x"), intValue(position, "y")))
        .setHoveredRecord(hovers)
        .setHoveredCount(n.has("hoveredCount") ? intValue(n, "hoveredCount") : (int) entries)
        .setMouseTracking(tracking)
        .setSelected(bool(n, "selected"))
        .setSelectedCount(n.has("selectedCount") ? intValue(n, "selectedCount") : selections.size())
        .setSelectedRecord(selections)
        .setEstimateTime(n.has("estimateTime") ? longValue(n, "estimateTime") : 0L)
        .setWorkerId(worker == null || worker.isNull() ? null : worker.asString())
        .build();
  }

  private static void writePoints(ArrayNode target, List<TrackPoint> points) {
    for (TrackPoint p : points) {
      target.addObject().put("x", p.getX()).put("y", p.getY()).put("time", p.getTime());
    }
  }

  private static List<TrackPoint> points(JsonNode n, String field) {
    List<TrackPoint> points = new ArrayList<>();
    for (JsonNode p : array(n, field)) {
      points.add(new TrackPoint(doubleValue(p, "x", field), doubleValue(p, "y", field), longValue(p, "time")));
    }
    return points;
  }

  private static JsonNode array(JsonNode n, String field) {
    JsonNode value = n.get(field);
    if (value == null || !value.isArray()) {
      throw new InvalidSeedJsonException(field, "expected an array");
    }
    return value;
  }

  private static String text(JsonNode n, String field) {
    JsonNode value = n.get(field);
    if (value == null || !value.isString()) {
      throw new InvalidSeedJsonException(field, "expected a string");
    }
    return value.asString();
  }

  private static boolean bool(JsonNode n, String field) {
    JsonNode value = n.get(field);
    if (value == null || !value.isBoolean()) {
      throw new InvalidSeedJsonException(field, "expected true or false");
    }
    return value.booleanValue();
  }

  private static int intValue(JsonNode n, String field) {
    JsonNode value = n.get(field);
    if (value == null || !value.isNumber()) {
      throw new InvalidSeedJsonException(field, "expected a number");
    }
    double number = value.doubleValue();
    if (!Double.isFinite(number) || number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
      throw new InvalidSeedJsonException(field, "expected a finite number within the range of an int, was " + value);
    }
    return (int) Math.round(number);
  }

  private static long longValue(JsonNode n, String field) {
    JsonNode value = n.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new InvalidSeedJsonException(field, "expected an integer (epoch ms)");
    }
    return value.longValue();
  }

  private static double doubleValue(JsonNode n, String field, String parent) {
    JsonNode value = n.get(field);
    if (value == null || !value.isNumber()) {
      throw new InvalidSeedJsonException(parent + "[]." + field, "expected a number");
    }
    if (!Double.isFinite(value.doubleValue())) {
      throw new InvalidSeedJsonException(parent + "[]." + field, "expected a finite number, was " + value);
    }
    return value.doubleValue();
  }
}
