package io.byproduct.gateway.seedapi;

import io.byproduct.gateway.api.BadRequest;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.json.InvalidSeedJsonException;
import io.byproduct.schemas.json.PageContentHash;
import io.byproduct.schemas.json.SeedJson;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.rules.RecordRules;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON bodies the original front end sends, naming the first field that is wrong: strict
 * UTF-8, then the shapes, then the values by the rules the stream processor applies too
 * ({@link RecordRules}: fractions, sizes, finite numbers, plausible times, ids).
 */
final class SeedBodies {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final int MAX_ID_LENGTH = RecordRules.MAX_ID_LENGTH;

  /** The body of {@code POST .../hits/{hit}/annotations}. */
  record NewAnnotation(String id, String annotatorId, InterfaceVersion version, String assignmentId, String hitId,
      String workerId, long startedAt) {}

  /** The body of {@code PUT .../annotations/{id}}. */
  record PageWrite(String pageId, int pageNo, long startedAt, long endedAt, List<ImageRecord> images, boolean isDone,
      String contentHash) {}

  private SeedBodies() {}

  /** The body as JSON: it must be UTF-8 without malformed bytes (a decoder would turn them into U+FFFD). */
  static JsonNode parse(byte[] body) {
    return parse(body == null ? null : utf8(body));
  }

  static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    } catch (MalformedInputException e) {
      throw new BadRequest("body: malformed UTF-8 (" + e.getInputLength() + " bad byte(s)); send the body as UTF-8");
    } catch (CharacterCodingException e) {
      throw new BadRequest("body: not UTF-8; send the body as UTF-8");
    }
  }

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
    String id = id(body, "id");
    String assignmentId = optionalId(body, "assignmentID");
    String hitId = optionalId(body, "hitID");
    String workerId = id(body, "workerID");
    long startedAt = epochMs(body, "startedAt", "startedAt");
    RecordRules.time("startedAt", startedAt).ifPresent(problem -> {
      throw new BadRequest(problem);
    });
    return new NewAnnotation(id, annotator == null ? "" : annotator, parsed, assignmentId, hitId, workerId, startedAt);
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
        images.add(SeedJson.fromTree(annotations.get(i)));
      } catch (InvalidSeedJsonException e) {
        throw new BadRequest("page.annotations[" + i + "]." + e.getMessage());
      }
    }
    long startedAt = epochMs(page, "startedAt", "page.startedAt");
    long endedAt = epochMs(page, "endedAt", "page.endedAt");
    Optional<String> problem = RecordRules.page(startedAt, endedAt, images);
    if (problem.isPresent()) {
      throw new BadRequest("page." + problem.get());
    }
    JsonNode isDone = body.get("isDone");
    if (isDone != null && !isDone.isNull() && !isDone.isBoolean()) {
      throw new BadRequest("isDone: must be true or false");
    }
    return new PageWrite(id(page, "id", "page.id"), pageNo.asInt(), startedAt, endedAt, images,
        isDone != null && isDone.asBoolean(false), PageContentHash.of(startedAt, endedAt, images));
  }

  private static String id(JsonNode node, String field) {
    return id(node, field, field);
  }

  private static String id(JsonNode node, String field, String name) {
    String value = optionalText(node, field);
    if (!RecordRules.usableId(value)) {
      throw new BadRequest(name + ": required, " + RecordRules.idRule());
    }
    return value;
  }

  /** An id that may be absent (the original sends MTurk's ids only when it has them). */
  private static String optionalId(JsonNode node, String field) {
    String value = optionalText(node, field);
    if (value != null && !value.isEmpty() && !RecordRules.usableId(value)) {
      throw new BadRequest(field + ": " + RecordRules.idRule());
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
    if (value != null && value.isIntegralNumber() && value.canConvertToLong() && value.longValue() > 0) {
      return value.longValue();
    }
    if (value != null && value.isString()) {
      try {
        return java.time.Instant.parse(value.asString()).toEpochMilli();
      } catch (java.time.DateTimeException | ArithmeticException e) {
        // reported below
      }
    }
    throw new BadRequest(name + ": required, epoch milliseconds or an ISO-8601 instant");
  }
}
