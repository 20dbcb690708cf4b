package io.byproduct.pageassembler.writing;

import io.byproduct.platform.annotations.AnnotationItems;
import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.record.AnnotationRecord;
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
    Map<String, AttributeValue> item = AnnotationItems.itemOf(a);
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
}
