package io.byproduct.schemas.json;

import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.SandboxAnnotation;
import io.byproduct.schemas.record.SandboxImageRecord;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON shapes of records outside Kafka — the gateway's live streams and analytics' exports
 * (documented in {@code docs/data-dictionary.md}):
 *
 * <ul>
 *   <li>a page: the seed's ImageNetAnnotationPage ({@code imageNetAnnotationID}, {@code id},
 *       {@code pageno}, {@code startedAt}, {@code endedAt}, {@code annotations}) with the fields
 *       Byproduct stores beside them ({@code status}, {@code eventCount}, {@code hitDatasetName},
 *       {@code imageNetHitID}, {@code workerID}, {@code version}) - exactly what {@code PageReader}
 *       reads back from DynamoDB;
 *   <li>an image: the seed's per-image record ({@link SeedJson}) followed by its page's context;
 *   <li>an event: the Avro record field for field, the payload with a {@code type} naming its kind.
 * </ul>
 */
public final class RecordJson {

  public static final JsonMapper MAPPER = JsonMapper.builder().build();

  private RecordJson() {}

  public static ObjectNode page(PageRecord page) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("imageNetAnnotationID", page.getAnnotationId());
    if (page.getPageId() != null) {
      node.put("id", page.getPageId());
    }
    node.put("pageno", page.getPageNo());
    node.put("startedAt", page.getStartedAt());
    node.put("endedAt", page.getEndedAt());
    node.put("status", page.getStatus().name());
    node.put("eventCount", page.getEventCount());
    node.put("source", page.getSource());
    putIfPresent(node, "contentHash", page.getContentHash());
    putIfPresent(node, "hitDatasetName", page.getHitDatasetName());
    putIfPresent(node, "imageNetHitID", page.getImageNetHitId());
    putIfPresent(node, "workerID", page.getWorkerId());
    putIfPresent(node, "version", page.getVersion());
    ArrayNode annotations = node.putArray("annotations");
    for (ImageRecord image : page.getImages()) {
      annotations.add(SeedJson.toTree(image));
    }
    return node;
  }

  /**
   * A sandbox-mode submit as stored: {@code id}, {@code receivedAt}, {@code classID}, {@code version},
   * {@code workerID}, {@code assignmentID}, {@code hitID}, {@code annotatorID} and the records as the
   * original front end sent them ({@code annotations}).
   */
  public static String sandbox(SandboxAnnotation sandbox) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", sandbox.getId());
    node.put("receivedAt", sandbox.getReceivedAt());
    node.put("classID", sandbox.getClassId());
    node.put("version", sandbox.getVersion());
    putNullable(node, "workerID", sandbox.getWorkerId());
    putNullable(node, "assignmentID", sandbox.getAssignmentId());
    putNullable(node, "hitID", sandbox.getHitId());
    putNullable(node, "annotatorID", sandbox.getAnnotatorId());
    ArrayNode annotations = node.putArray("annotations");
    for (SandboxImageRecord image : sandbox.getImages()) {
      annotations.add(avro(image));
    }
    return node.toString();
  }

  /** An image: the seed's record, then its page's context. */
  public static ObjectNode image(ImageRecord image, String annotationId, int pageNo, String hitDatasetName,
      String imageNetHitId) {
    ObjectNode node = SeedJson.toTree(image);
    node.put("imageNetAnnotationID", annotationId);
    node.put("pageno", pageNo);
    putNullable(node, "hitDatasetName", hitDatasetName);
    putNullable(node, "imageNetHitID", imageNetHitId);
    return node;
  }

  /** Any Avro record as JSON: records as objects, unions as their value, a record in a union with {@code type}. */
  public static ObjectNode avro(IndexedRecord record) {
    return record(record, false);
  }

  private static ObjectNode record(IndexedRecord record, boolean typed) {
    ObjectNode node = MAPPER.createObjectNode();
    if (typed) {
      node.put("type", record.getSchema().getName());
    }
    for (Schema.Field field : record.getSchema().getFields()) {
      node.set(field.name(), value(field.schema(), record.get(field.pos())));
    }
    return node;
  }

  private static JsonNode value(Schema schema, Object value) {
    if (value == null) {
      return MAPPER.nullNode();
    }
    return switch (schema.getType()) {
      case UNION -> {
        boolean recordBranches = schema.getTypes().stream().filter(s -> s.getType() == Schema.Type.RECORD).count() > 1;
        if (value instanceof IndexedRecord r) {
          yield record(r, recordBranches);
        }
        Schema branch = schema.getTypes().get(org.apache.avro.specific.SpecificData.get().resolveUnion(schema, value));
        yield value(branch, value);
      }
      case RECORD -> record((IndexedRecord) value, false);
      case ARRAY -> {
        ArrayNode array = MAPPER.createArrayNode();
        for (Object item : (List<?>) value) {
          array.add(value(schema.getElementType(), item));
        }
        yield array;
      }
      case MAP -> {
        ObjectNode map = MAPPER.createObjectNode();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
          map.set(e.getKey().toString(), value(schema.getValueType(), e.getValue()));
        }
        yield map;
      }
      case ENUM -> MAPPER.getNodeFactory().stringNode(value instanceof GenericEnumSymbol<?> s ? s.toString()
          : ((Enum<?>) value).name());
      case STRING -> MAPPER.getNodeFactory().stringNode(value.toString());
      case INT -> MAPPER.getNodeFactory().numberNode((Integer) value);
      case LONG -> MAPPER.getNodeFactory().numberNode((Long) value);
      case FLOAT -> MAPPER.getNodeFactory().numberNode((Float) value);
      case DOUBLE -> MAPPER.getNodeFactory().numberNode((Double) value);
      case BOOLEAN -> MAPPER.getNodeFactory().booleanNode((Boolean) value);
      case BYTES -> MAPPER.getNodeFactory().binaryNode(bytes((java.nio.ByteBuffer) value));
      case FIXED -> MAPPER.getNodeFactory().binaryNode(((org.apache.avro.generic.GenericFixed) value).bytes());
      case NULL -> MAPPER.nullNode();
    };
  }

  private static byte[] bytes(java.nio.ByteBuffer buffer) {
    java.nio.ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }

  private static void putIfPresent(ObjectNode node, String name, String value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  /** Puts {@code value}, or JSON null. */
  public static void putNullable(ObjectNode node, String name, String value) {
    if (value == null) {
      node.putNull(name);
    } else {
      node.put(name, value);
    }
  }
}
