package io.byproduct.gateway.seedapi;

import io.byproduct.gateway.api.BadRequest;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.json.InvalidSeedJsonException;
import io.byproduct.schemas.json.SeedJson;
import io.byproduct.schemas.record.ImageRecord;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the JSON bodies the original front end sends, naming the first field that is wrong. */
final class SeedBodies {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final int MAX_ID_LENGTH = 256;

  /** The body of {@code POST .../hits/{hit}/annotations}. */
  record NewAnnotation(String id, String annotatorId, InterfaceVersion version, String assignmentId, String hitId,
      String workerId, long startedAt) {}

  /** The body of {@code PUT .../annotations/{id}}. */
  record PageWrite(String pageId, int pageNo, long startedAt, long endedAt, List<ImageRecord> images, boolean isDone) {}

  private SeedBodies() {}

  static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      throw new BadRequest("body: required");
    }
    try {
      JsonNode node = JSON.readTree(body);
      if (!node.isObject()) {
        throw new BadRequest("body: expected a JSON object");
      }
      return node;
    } catch (JacksonException e) {
      throw new BadRequest("body: not valid JSON (" + e.getOriginalMessage() + ")");
    }
  }

  static NewAnnotation newAnnotation(JsonNode body) {
    String version = optionalText(body, "version");
    InterfaceVersion parsed;
    try {
      parsed = version == null ? InterfaceVersion.NO_POINTER_NO_ORIGINAL : InterfaceVersion.valueOf(version);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("version: must be one of POINTER_ORIGINAL, NO_POINTER_ORIGINAL, POINTER_NO_ORIGINAL,"
          + " NO_POINTER_NO_ORIGINAL");
    }
    String annotator = optionalText(body, "annotatorID");
    return new NewAnnotation(id(body, "id"), annotator == null ? "" : annotator, parsed,
        optionalText(body, "assignmentID"), optionalText(body, "hitID"), id(body, "workerID"),
        epochMs(body, "startedAt", "startedAt"));
  }

  static PageWrite pageWrite(JsonNode body) {
    JsonNode page = body.get("page");
    if (page == null || !page.isObject()) {
      throw new BadRequest("page: required object {id, pageno, startedAt, endedAt, annotations}");
    }
    JsonNode pageNo = page.get("pageno");
    if (pageNo == null || !pageNo.isIntegralNumber() || pageNo.asInt() < 1 || pageNo.asInt() > 9999) {
      throw new BadRequest("page.pageno: must be an integer 1..9999");
    }
    JsonNode annotations = page.get("annotations");
    if (annotations == null || !annotations.isArray()) {
      throw new BadRequest("page.annotations: required array, one record per image");
    }
    List<ImageRecord> images = new ArrayList<>();
    for (int i = 0; i < annotations.size(); i++) {
      try {
        ImageRecord image = SeedJson.fromTree(annotations.get(i));
        if (image.getImageID().isBlank() || image.getImageID().length() > MAX_ID_LENGTH || image.getImageID().contains("|")) {
          throw new BadRequest("page.annotations[" + i + "].imageID: must be 1.." + MAX_ID_LENGTH + " characters without '|'");
        }
        images.add(image);
      } catch (InvalidSeedJsonException e) {
        throw new BadRequest("page.annotations[" + i + "]." + e.getMessage());
      }
    }
    long startedAt = epochMs(page, "startedAt", "page.startedAt");
    long endedAt = epochMs(page, "endedAt", "page.endedAt");
    if (endedAt < startedAt) {
      throw new BadRequest("page.endedAt: must not be before page.startedAt");
    }
    JsonNode isDone = body.get("isDone");
    if (isDone != null && !isDone.isNull() && !isDone.isBoolean()) {
      throw new BadRequest("isDone: must be true or false");
    }
    return new PageWrite(id(page, "id", "page.id"), pageNo.asInt(), startedAt, endedAt, images,
        isDone != null && isDone.asBoolean(false));
  }

  private static String id(JsonNode node, String field) {
    return id(node, field, field);
  }

  private static String id(JsonNode node, String field, String name) {
    String value = optionalText(node, field);
    if (value == null || value.isBlank() || value.length() > MAX_ID_LENGTH || value.contains("|")) {
      throw new BadRequest(name + ": required, 1.." + MAX_ID_LENGTH + " characters without '|'");
    }
    return value;
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw new BadRequest(field + ": must be a string");
    }
    return value.asString();
  }

  /** A time as epoch milliseconds, or as an ISO-8601 instant string. */
  private static long epochMs(JsonNode node, String field, String name) {
    JsonNode value = node.get(field);
    if (value != null && value.isIntegralNumber() && value.asLong() > 0) {
      return value.asLong();
    }
    if (value != null && value.isString()) {
      try {
        return java.time.Instant.parse(value.asString()).toEpochMilli();
      } catch (java.time.format.DateTimeParseException e) {
        // reported below
      }
    }
    throw new BadRequest(name + ": required, epoch milliseconds or an ISO-8601 instant");
  }
}
