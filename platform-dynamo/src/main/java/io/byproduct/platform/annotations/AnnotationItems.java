package io.byproduct.platform.annotations;

import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.record.AnnotationRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How a HIT-level annotation is stored in {@code ImageNetAnnotation}. Absent optional fields are
 * left out (a worker id or dataset that is absent keeps the item out of the worker index).
 */
public final class AnnotationItems {

  private AnnotationItems() {}

  /** The item of an annotation: the seed's ImageNetAnnotation fields plus pageCount and isDone. */
  public static Map<String, AttributeValue> itemOf(AnnotationRecord a) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(Tables.ANNOTATION_HASH, AttributeValue.fromS(a.getId()));
    putIfPresent(item, Tables.DATASET, a.getHitDatasetName());
    putIfPresent(item, "imageNetHitID", a.getImageNetHitID());
    item.put("annotatorID", AttributeValue.fromS(a.getAnnotatorID()));
    putIfPresent(item, Tables.WORKER_ID, a.getWorkerID());
    putIfPresent(item, "hitID", a.getHitID());
    putIfPresent(item, "assignmentID", a.getAssignmentID());
    item.put("version", AttributeValue.fromS(a.getVersion()));
    item.put("createdAt", AttributeValue.fromN(String.valueOf(a.getCreatedAt())));
    if (a.getStartedAt() != null) {
      item.put("startedAt", AttributeValue.fromN(String.valueOf(a.getStartedAt())));
    }
    if (a.getEndedAt() != null) {
      item.put("endedAt", AttributeValue.fromN(String.valueOf(a.getEndedAt())));
    }
    item.put("pageCount", AttributeValue.fromN(String.valueOf(a.getPageCount())));
    item.put("isDone", AttributeValue.fromBool(a.getIsDone()));
    return item;
  }

  private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
    if (value != null && !value.isEmpty()) {
      item.put(name, AttributeValue.fromS(value));
    }
  }
}
