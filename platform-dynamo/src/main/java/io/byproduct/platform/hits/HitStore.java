package io.byproduct.platform.hits;

import io.byproduct.platform.tables.Tables;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * HIT definitions in the {@code ImageNetHIT} table, in the seed's ImageNetHIT shape
 * ({@code hitDatasetName}, {@code id}, {@code isUnique}, {@code pages[{pageno, class, images}]}),
 * stored as native DynamoDB maps and lists so that the table reads naturally in AWS tools.
 *
 * <p>An item may also hold a {@value #REVIEW} attribute for the requester: which images of which
 * page are positive or negative controls ({@code {"controls": {"1": {"<imageId>": "positive"}}}},
 * written by the HIT tool). Workers must never see it: {@link #findJson} (what the gateway serves)
 * leaves it out; {@link #findWithReview} (requesters' tools) keeps it.
 */
public final class HitStore {

  /** The requester-only attribute of a HIT item: its quality controls. */
  public static final String REVIEW = "review";

  private final DynamoDbClient dynamo;
  private final Tables tables;

  public HitStore(DynamoDbClient dynamo, Tables tables) {
    this.dynamo = dynamo;
    this.tables = tables;
  }

  /**
   * The HIT as the seed's JSON, as a worker may see it (without {@value #REVIEW}), or empty if
   * the dataset has no such HIT.
   */
  public Optional<String> findJson(String hitDatasetName, String hitId) {
    return find(hitDatasetName, hitId).map(item -> {
      Map<String, AttributeValue> workerView = new HashMap<>(item);
      workerView.remove(REVIEW);
      return EnhancedDocument.fromAttributeValueMap(workerView).toJson();
    });
  }

  /**
   * The whole stored HIT as JSON, with its {@value #REVIEW} section if it has one: for the
   * requester's tools only, never for a worker.
   */
  public Optional<String> findWithReview(String hitDatasetName, String hitId) {
    return find(hitDatasetName, hitId).map(item -> EnhancedDocument.fromAttributeValueMap(item).toJson());
  }

  /**
   * The class id ({@code pages[].class.id}) of the HIT's page with this {@code pageno}, or empty if
   * the dataset has no such HIT or the HIT no such page.
   */
  public Optional<String> classOfPage(String hitDatasetName, String hitId, int pageNo) {
    return find(hitDatasetName, hitId).flatMap(item -> {
      AttributeValue pages = item.get("pages");
      if (pages == null || !pages.hasL()) {
        return Optional.empty();
      }
      for (AttributeValue page : pages.l()) {
        Map<String, AttributeValue> fields = page.hasM() ? page.m() : Map.of();
        AttributeValue number = fields.get("pageno");
        AttributeValue pageClass = fields.get("class");
        if (number != null && String.valueOf(pageNo).equals(number.n()) && pageClass != null && pageClass.hasM()
            && pageClass.m().get("id") != null) {
          return Optional.ofNullable(pageClass.m().get("id").s());
        }
      }
      return Optional.empty();
    });
  }

  private Optional<Map<String, AttributeValue>> find(String hitDatasetName, String hitId) {
    GetItemResponse response = dynamo.getItem(b -> b.tableName(tables.names().hit())
        .consistentRead(true)
        .key(Map.of(Tables.HIT_HASH, AttributeValue.fromS(hitDatasetName),
            Tables.HIT_RANGE, AttributeValue.fromS(hitId))));
    if (!response.hasItem() || response.item().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(response.item());
  }

  /**
   * Writes a HIT given as the seed's JSON, optionally with a {@value #REVIEW} section; it must
   * hold {@code hitDatasetName} and {@code id}. Writing the same HIT again replaces it with the
   * same content.
   */
  public void put(String hitJson) {
    Map<String, AttributeValue> item = EnhancedDocument.fromJson(hitJson).toMap();
    for (String key : new String[] {Tables.HIT_HASH, Tables.HIT_RANGE}) {
      AttributeValue value = item.get(key);
      if (value == null || value.s() == null || value.s().isBlank()) {
        throw new IllegalArgumentException("a HIT needs a non-empty string '" + key + "'");
      }
    }
    dynamo.putItem(b -> b.tableName(tables.names().hit()).item(item));
  }
}
