package io.byproduct.pageassembler.writing;

import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.record.AnnotationRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Writes the HIT-level annotation to {@code ImageNetAnnotation} with the seed's fields plus
 * {@code pageCount} and {@code isDone}. Progress never goes back: the put is conditional on the
 * stored item having fewer pages, or as many and not being done, so a redelivered older record
 * changes nothing.
 */
public final class AnnotationWriter {

  private final DynamoDbClient dynamo;
  private final Tables tables;

  public AnnotationWriter(DynamoDbClient dynamo, Tables tables) {
    this.dynamo = dynamo;
    this.tables = tables;
  }

  public WriteOutcome write(AnnotationRecord a) {
    Map<String, AttributeValue> item = itemOf(a);
    try {
      dynamo.putItem(b -> b.tableName(tables.names().annotation()).item(item)
          .conditionExpression("attribute_not_exists(#id) OR #pc < :pc OR (#pc = :pc AND (#done = :false OR :done = :true))")
          .expressionAttributeNames(Map.of("#id", Tables.ANNOTATION_HASH, "#pc", "pageCount", "#done", "isDone"))
          .expressionAttributeValues(Map.of(":pc", AttributeValue.fromN(String.valueOf(a.getPageCount())),
              ":false", AttributeValue.fromBool(false), ":true", AttributeValue.fromBool(true),
              ":done", AttributeValue.fromBool(a.getIsDone()))));
      return WriteOutcome.WRITTEN;
    } catch (ConditionalCheckFailedException newer) {
      return WriteOutcome.STALE;
    }
  }

  static Map<String, AttributeValue> itemOf(AnnotationRecord a) {
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
