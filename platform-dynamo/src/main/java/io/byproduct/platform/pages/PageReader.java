package io.byproduct.platform.pages;

import io.byproduct.platform.tables.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Reads stored pages back in the seed's JSON shape, whichever way {@link PageItems} stored them. */
public final class PageReader {

  private final DynamoDbClient dynamo;
  private final Tables tables;

  public PageReader(DynamoDbClient dynamo, Tables tables) {
    this.dynamo = dynamo;
    this.tables = tables;
  }

  public Optional<tools.jackson.databind.JsonNode> read(String annotationId, int pageNo) {
    String head = Tables.pageKey(pageNo);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    QueryRequest query = QueryRequest.builder().tableName(tables.names().page()).consistentRead(true)
        .keyConditionExpression("#a = :a AND begins_with(#k, :k)")
        .expressionAttributeNames(Map.of("#a", Tables.PAGE_HASH, "#k", Tables.PAGE_RANGE))
        .expressionAttributeValues(Map.of(":a", AttributeValue.fromS(annotationId), ":k", AttributeValue.fromS(head)))
        .build();
    dynamo.queryPaginator(query).items().forEach(items::add);
    Map<String, AttributeValue> headItem = null;
    List<Map<String, AttributeValue>> parts = new ArrayList<>();
    for (Map<String, AttributeValue> item : items) {
      if (item.get(Tables.PAGE_RANGE).s().equals(head)) {
        headItem = item;
      } else {
        parts.add(item);
      }
    }
    if (headItem == null) {
      return Optional.empty();
    }
    parts.sort(java.util.Comparator.comparing(p -> p.get(Tables.PAGE_RANGE).s()));
    return Optional.of(PageItems.toSeedJson(headItem, parts));
  }
}
