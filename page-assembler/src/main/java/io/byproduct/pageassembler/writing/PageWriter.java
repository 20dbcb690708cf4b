package io.byproduct.pageassembler.writing;

import io.byproduct.platform.pages.PageItems;
import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.record.PageRecord;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Writes a finished page to {@code ImageNetAnnotationPage} once: its items (see {@link PageItems})
 * are put parts first and head last, each only if absent, so a page delivered again changes nothing
 * and a reader never sees a head without its parts.
 */
public final class PageWriter {

  private final DynamoDbClient dynamo;
  private final Tables tables;

  public PageWriter(DynamoDbClient dynamo, Tables tables) {
    this.dynamo = dynamo;
    this.tables = tables;
  }

  public WriteOutcome write(PageRecord page) {
    List<Map<String, AttributeValue>> items = PageItems.itemsOf(page);
    boolean headWritten = false;
    for (int i = 0; i < items.size(); i++) {
      boolean written = putIfAbsent(items.get(i));
      headWritten = i == items.size() - 1 && written;
    }
    return headWritten ? WriteOutcome.WRITTEN : WriteOutcome.ALREADY_STORED;
  }

  private boolean putIfAbsent(Map<String, AttributeValue> item) {
    try {
      dynamo.putItem(b -> b.tableName(tables.names().page()).item(item)
          .conditionExpression("attribute_not_exists(#k)")
          .expressionAttributeNames(Map.of("#k", Tables.PAGE_RANGE)));
      return true;
    } catch (ConditionalCheckFailedException stored) {
      return false;
    }
  }
}
