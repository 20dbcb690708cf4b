package io.byproduct.platform.batches;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Unconditional puts and consistent reads of many items of one table in DynamoDB's batches
 * ({@value #WRITE_LIMIT} puts, {@value #READ_LIMIT} keys a request), the items DynamoDB left
 * unprocessed asked again after a growing pause. Only for writes that need no condition: a batch
 * put cannot be conditional. Items still unprocessed after {@value #ATTEMPTS} attempts end in a
 * {@link ProvisionedThroughputExceededException} (what unprocessed items mean), so the caller
 * retries as after any throttling.
 */
public final class DynamoBatches {

  public static final int WRITE_LIMIT = 25;
  public static final int READ_LIMIT = 100;
  static final int ATTEMPTS = 8;
  private static final long FIRST_PAUSE_MILLIS = 10;

  private DynamoBatches() {}

  /**
   * Puts every item, {@value #WRITE_LIMIT} a request (items of at most 400 KB: at most 10 MB of the
   * request's 16 MB). The items must have distinct keys (DynamoDB refuses a batch that puts one key twice).
   */
  public static void putAll(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
    for (int from = 0; from < items.size(); from += WRITE_LIMIT) {
      List<WriteRequest> puts = new ArrayList<>();
      for (Map<String, AttributeValue> item : items.subList(from, Math.min(items.size(), from + WRITE_LIMIT))) {
        puts.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
      }
      Map<String, List<WriteRequest>> request = Map.of(table, puts);
      for (int attempt = 1; !request.isEmpty(); attempt++) {
        pauseBefore(attempt, table);
        Map<String, List<WriteRequest>> asked = request;
        BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(asked));
        request = response.hasUnprocessedItems() ? withoutEmpty(response.unprocessedItems()) : Map.of();
      }
    }
  }

  /**
   * The stored items of these keys (consistent reads; the keys must be distinct), in no particular
   * order; only the {@code attributes} named, if any are (so large items do not fill the answer).
   */
  public static List<Map<String, AttributeValue>> getAll(DynamoDbClient dynamo, String table,
      List<Map<String, AttributeValue>> keys, String... attributes) {
    List<Map<String, AttributeValue>> found = new ArrayList<>();
    Map<String, String> names = new java.util.LinkedHashMap<>();
    for (int i = 0; i < attributes.length; i++) {
      names.put("#a" + i, attributes[i]);
    }
    for (int from = 0; from < keys.size(); from += READ_LIMIT) {
      KeysAndAttributes.Builder asking = KeysAndAttributes.builder()
          .keys(keys.subList(from, Math.min(keys.size(), from + READ_LIMIT))).consistentRead(true);
      if (!names.isEmpty()) {
        asking.projectionExpression(String.join(", ", names.keySet())).expressionAttributeNames(names);
      }
      Map<String, KeysAndAttributes> request = Map.of(table, asking.build());
      for (int attempt = 1; !request.isEmpty(); attempt++) {
        pauseBefore(attempt, table);
        Map<String, KeysAndAttributes> asked = request;
        BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(asked));
        found.addAll(response.responses().getOrDefault(table, List.of()));
        request = response.hasUnprocessedKeys() ? withoutEmptyKeys(response.unprocessedKeys()) : Map.of();
      }
    }
    return found;
  }

  /** Nothing before the first attempt; then 10 ms doubling; past the last attempt, throttled. */
  private static void pauseBefore(int attempt, String table) {
    if (attempt == 1) {
      return;
    }
    if (attempt > ATTEMPTS) {
      throw ProvisionedThroughputExceededException.builder()
          .message("DynamoDB left items of " + table + " unprocessed " + ATTEMPTS + " times in a row").build();
    }
    try {
      Thread.sleep(FIRST_PAUSE_MILLIS << (attempt - 2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while DynamoDB had unprocessed items of " + table, e);
    }
  }

  private static Map<String, List<WriteRequest>> withoutEmpty(Map<String, List<WriteRequest>> unprocessed) {
    return unprocessed.values().stream().allMatch(List::isEmpty) ? Map.of() : unprocessed;
  }

  private static Map<String, KeysAndAttributes> withoutEmptyKeys(Map<String, KeysAndAttributes> unprocessed) {
    return unprocessed.values().stream().allMatch(k -> !k.hasKeys() || k.keys().isEmpty()) ? Map.of() : unprocessed;
  }
}
