package io.byproduct.gateway.seedapi;

import io.byproduct.platform.catalog.AnnotationCounts;
import io.byproduct.schemas.record.Position;
import io.byproduct.schemas.record.SandboxImageRecord;
import io.byproduct.schemas.record.SandboxPoint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the body of the sandbox mode's {@code POST /api/annotations}:
 * {@code {annotations:[{selectedCount, hoveredCount, selected, mousePoint{x,y}, imagePosition{x,y},
 * imageWidth, imageHeight, originalImageWidth, originalImageHeight, estimateTime,
 * mouseTracking[{x,y}], annotatorID, workerID, assignmentID, hitID, imageID, version}]}}, naming
 * the first field that is wrong.
 */
final class SandboxBodies {

  static final int MAX_RECORDS = 1_000;
  private static final JsonMapper CANONICAL = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  /** A submit: the records plus the fields every record repeats (taken from the first). */
  record Submit(String id, String version, String workerId, String assignmentId, String hitId, String annotatorId,
      List<SandboxImageRecord> images) {}

  private SandboxBodies() {}

  static Submit submit(JsonNode body) {
    JsonNode annotations = body.get("annotations");
    if (annotations == null || !annotations.isArray() || annotations.isEmpty()) {
      throw new BadRequest("annotations: required, a non-empty array of per-image records");
    }
    if (annotations.size() > MAX_RECORDS) {
      throw new BadRequest("annotations: at most " + MAX_RECORDS + " records, got " + annotations.size());
    }
    List<SandboxImageRecord> images = new ArrayList<>();
    String version = null;
    for (int i = 0; i < annotations.size(); i++) {
      JsonNode record = annotations.get(i);
      String where = "annotations[" + i + "].";
      if (!record.isObject()) {
        throw new BadRequest("annotations[" + i + "]: must be an object");
      }
      String recordVersion = text(record, "version", where, true);
      if (!AnnotationCounts.isVersion(recordVersion)) {
        throw new BadRequest(where + "version: must be one of " + String.join(", ", AnnotationCounts.VERSIONS));
      }
      if (version != null && !version.equals(recordVersion)) {
        throw new BadRequest(where + "version: '" + recordVersion + "' differs from the first record's '" + version + "'");
      }
      version = recordVersion;
      images.add(image(record, where));
    }
    JsonNode first = annotations.get(0);
    return new Submit(contentId(body), version, text(first, "workerID", "annotations[0].", false),
        text(first, "assignmentID", "annotations[0].", false), text(first, "hitID", "annotations[0].", false),
        text(first, "annotatorID", "annotations[0].", false), images);
  }

  private static SandboxImageRecord image(JsonNode record, String where) {
    String imageId = text(record, "imageID", where, true);
    if (imageId.isBlank() || imageId.length() > SeedBodies.MAX_ID_LENGTH) {
      throw new BadRequest(where + "imageID: must be 1.." + SeedBodies.MAX_ID_LENGTH + " characters");
    }
    JsonNode selected = record.get("selected");
    if (selected == null || !selected.isBoolean()) {
      throw new BadRequest(where + "selected: required, true or false");
    }
    JsonNode position = object(record, "imagePosition", where);
    JsonNode mousePoint = record.get("mousePoint");
    List<SandboxPoint> tracking = new ArrayList<>();
    JsonNode track = record.get("mouseTracking");
    if (track != null && !track.isNull()) {
      if (!track.isArray()) {
        throw new BadRequest(where + "mouseTracking: must be an array of {x, y}");
      }
      for (int j = 0; j < track.size(); j++) {
        tracking.add(point(track.get(j), where + "mouseTracking[" + j + "]"));
      }
    }
    return SandboxImageRecord.newBuilder()
        .setImageID(imageId)
        .setSelected(selected.asBoolean())
        .setSelectedCount(count(record, "selectedCount", where))
        .setHoveredCount(count(record, "hoveredCount", where))
        .setMousePoint(mousePoint == null || mousePoint.isNull() ? null : point(mousePoint, where + "mousePoint"))
        .setImagePosition(new Position(coordinate(position, "x", where + "imagePosition."),
            coordinate(position, "y", where + "imagePosition.")))
        .setImageWidth(size(record, "imageWidth", where))
        .setImageHeight(size(record, "imageHeight", where))
        .setOriginalImageWidth(size(record, "originalImageWidth", where))
        .setOriginalImageHeight(size(record, "originalImageHeight", where))
        .setEstimateTime(duration(record, "estimateTime", where))
        .setMouseTracking(tracking)
        .build();
  }

  /** {@code sandbox-} and 32 hex of SHA-256 over the body with its keys sorted: the same request, the same id. */
  static String contentId(JsonNode body) {
    try {
      byte[] canonical = CANONICAL.writeValueAsString(CANONICAL.treeToValue(body, Object.class))
          .getBytes(StandardCharsets.UTF_8);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
      return "sandbox-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static SandboxPoint point(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new BadRequest(where + ": must be an object {x, y}");
    }
    return new SandboxPoint(finite(node, "x", where + "."), finite(node, "y", where + "."));
  }

  private static double finite(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
      throw new BadRequest(where + field + ": required, a number");
    }
    return value.asDouble();
  }

  private static int coordinate(JsonNode node, String field, String where) {
    double value = finite(node, field, where);
    if (Math.abs(value) > 1_000_000) {
      throw new BadRequest(where + field + ": must be within ±1,000,000 px");
    }
    return (int) Math.round(value);
  }

  private static int size(JsonNode node, String field, String where) {
    double value = finite(node, field, where);
    if (value < 0 || value > 1_000_000) {
      throw new BadRequest(where + field + ": must be 0..1,000,000 px");
    }
    return (int) Math.round(value);
  }

  private static int count(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return 0;
    }
    if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > Integer.MAX_VALUE) {
      throw new BadRequest(where + field + ": must be a non-negative integer");
    }
    return value.asInt();
  }

  private static long duration(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return 0;
    }
    if (!value.isNumber() || value.asDouble() < 0 || !Double.isFinite(value.asDouble())) {
      throw new BadRequest(where + field + ": must be a non-negative number of milliseconds");
    }
    return Math.round(value.asDouble());
  }

  private static JsonNode object(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || !value.isObject()) {
      throw new BadRequest(where + field + ": required object {x, y}");
    }
    return value;
  }

  private static String text(JsonNode node, String field, String where, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new BadRequest(where + field + ": required");
      }
      return null;
    }
    if (!value.isString()) {
      throw new BadRequest(where + field + ": must be a string");
    }
    return value.asString();
  }
}
