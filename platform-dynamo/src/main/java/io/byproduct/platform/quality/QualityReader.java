package io.byproduct.platform.quality;

import io.byproduct.platform.quality.QualityItems.Kind;
import io.byproduct.platform.tables.Tables;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Reads the live quality items ({@link QualityItems}): a dataset's images or workers page by page, one assignment. */
public final class QualityReader {

  /** One page of a listing: the records as JSON, and the id to continue after (null at the end). */
  public record Listing(List<String> records, String next) {}

  private final DynamoDbClient dynamo;
  private final Tables tables;

  public QualityReader(DynamoDbClient dynamo, Tables tables) {
    this.dynamo = dynamo;
    this.tables = tables;
  }

  /** At most {@code limit} records of {@code kind} in the dataset, in id order, after the id {@code after} (if any). */
  public Listing list(Kind kind, String dataset, String after, int limit) {
    String scope = kind.scope(dataset);
    QueryRequest.Builder query = QueryRequest.builder().tableName(tables.names().quality())
        .keyConditionExpression("#s = :s")
        .expressionAttributeNames(Map.of("#s", Tables.QUALITY_HASH))
        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(scope)))
        .limit(limit);
    if (after != null && !after.isEmpty()) {
      query.exclusiveStartKey(Map.of(Tables.QUALITY_HASH, AttributeValue.fromS(scope),
          Tables.QUALITY_RANGE, AttributeValue.fromS(after)));
    }
    QueryResponse response = dynamo.query(query.build());
    List<String> records = response.items().stream().map(i -> i.get(QualityItems.RECORD).s()).toList();
    String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
        ? response.lastEvaluatedKey().get(Tables.QUALITY_RANGE).s() : null;
    return new Listing(records, next);
  }

  /** The record of one item, if stored. */
  public Optional<String> find(Kind kind, String dataset, String id) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tables.names().quality()).key(Map.of(
        Tables.QUALITY_HASH, AttributeValue.fromS(kind.scope(dataset)), Tables.QUALITY_RANGE, AttributeValue.fromS(id))))
        .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get(QualityItems.RECORD).s());
  }
}
