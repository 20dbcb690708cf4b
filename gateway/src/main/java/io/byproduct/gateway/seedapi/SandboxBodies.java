package io.byproduct.gateway.seedapi;

import io.byproduct.gateway.api.BadRequest;
import io.byproduct.platform.catalog.AnnotationCounts;
import io.byproduct.schemas.record.Position;
import io.byproduct.schemas.record.SandboxImageRecord;
import io.byproduct.schemas.record.SandboxPoint;
import io.byproduct.schemas.serde.AvroSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the body of the sandbox mode's {@code POST /api/annotations}:
 * {@code {annotations:[{selectedCount, hoveredCount, selected, mousePoint{x,y}, imagePosition{x,y},
 * imageWidth, imageHeight, originalImageWidth, originalImageHeight, estimateTime,
 * mouseTracking[{x,y}], annotatorID, workerID, assignmentID, hitID, imageID, version}]}}, naming
 * the first field that is wrong. A field the original front end does not send is refused (the
 * submit is anonymous: anything that could vary without changing what is stored would let the same
 * submit count again), and so is an image named twice.
 */
final class SandboxBodies {

  static final int MAX_RECORDS = 1_000;
  static final Set<String> BODY_FIELDS = Set.of("annotations");
  static final Set<String> RECORD_FIELDS = Set.of("selectedCount", "hoveredCount", "selected", "mousePoint",
      "imagePosition", "imageWidth", "imageHeight", "originalImageWidth", "originalImageHeight", "estimateTime",
      "mouseTracking", "annotatorID", "workerID", "assignmentID", "hitID", "imageID", "version");
  static final Set<String> POINT_FIELDS = Set.of("x", "y");
  private static final AvroSerde<SandboxImageRecord> IMAGES = AvroSerde.of(SandboxImageRecord.class);

  /** A submit: the records plus the fields every record repeats (taken from the first). */
  record Submit(String version, String workerId, String assignmentId, String hitId, String annotatorId,
      List<SandboxImageRecord> images) {}

  private SandboxBodies() {}

  static Submit submit(JsonNode body) {
    if (body.isObject()) {
      onlyKnownFields(body, BODY_FIELDS, "");
    }
    JsonNode annotations = body.get("annotations");
    if (annotations == null || !annotations.isArray() || annotations.isEmpty()) {
      throw new BadRequest("annotations: required, a non-empty array of per-image records");
    }
    if (annotations.size() > MAX_RECORDS) {
      throw new BadRequest("annotations: at most " + MAX_RECORDS + " records, got " + annotations.size());
    }
    List<SandboxImageRecord> images = new ArrayList<>();
    Set<String> imageIds = new HashSet<>();
    String version = null;
    for (int i = 0; i < annotations.size(); i++) {
      JsonNode record = annotations.get(i);
      String where = "annotations[" + i + "].";
      if (!record.isObject()) {
        throw new BadRequest("annotations[" + i + "]: must be an object");
      }
      onlyKnownFields(record, RECORD_FIELDS, where);
      String recordVersion = text(record, "version", where, true);
      if (!AnnotationCounts.isVersion(recordVersion)) {
        throw new BadRequest(where + "version: must be one of " + String.join(", ", AnnotationCounts.VERSIONS));
      }
      if (version != null && !version.equals(recordVersion)) {
        throw new BadRequest(where + "version: '" + recordVersion + "' differs from the first record's '" + version + "'");
      }
      version = recordVersion;
      SandboxImageRecord image = image(record, where);
      if (!imageIds.add(image.getImageID())) {
        throw new BadRequest(where + "imageID: '" + image.getImageID() + "' is named by an earlier record too");
      }
      images.add(image);
    }
    JsonNode first = annotations.get(0);
    return new Submit(version, text(first, "workerID", "annotations[0].", false),
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

  /**
   * {@code sandbox-} and 32 hex of SHA-256 over what is stored of the submit — its version, the
   * worker's pseudonym, the other ids and the records as read (numbers as stored, absent and null
   * alike, images in the order of their ids) — not over the request's bytes: a request that stores
   * the same (other spacing, key order, spelling of numbers, fields repeated after the first record,
   * the records in another order) has the same id, and so counts once.
   */
  static String contentId(Submit submit, String workerPseudonym) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {submit.version(), workerPseudonym, submit.assignmentId(), submit.hitId(),
          submit.annotatorId()}) {
        digestString(sha, part);
      }
      List<SandboxImageRecord> sorted = new ArrayList<>(submit.images());
      sorted.sort(Comparator.comparing(SandboxImageRecord::getImageID));
      for (SandboxImageRecord image : sorted) {
        byte[] encoded = IMAGES.encode(image);
        sha.update(ByteBuffer.allocate(4).putInt(encoded.length).array());
        sha.update(encoded);
      }
      return "sandbox-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** A string with its length first (-1: null), so that no two sequences of strings digest alike. */
  private static void digestString(MessageDigest sha, String value) {
    byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
    sha.update(ByteBuffer.allocate(4).putInt(value == null ? -1 : bytes.length).array());
    sha.update(bytes);
  }

  private static void onlyKnownFields(JsonNode object, Set<String> known, String where) {
    for (String name : object.propertyNames()) {
      if (!known.contains(name)) {
        throw new BadRequest(where + name + ": unknown field; " + (where.isEmpty() ? "the body" : "a record")
            + " holds only " + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  private static SandboxPoint point(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new BadRequest(where + ": must be an object {x, y}");
    }
    onlyKnownFields(node, POINT_FIELDS, where + ".");
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
    onlyKnownFields(value, POINT_FIELDS, where + field + ".");
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
