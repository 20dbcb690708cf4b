package io.byproduct.platform.catalog;

import io.byproduct.platform.tables.Tables;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The classes and images of the studies ({@code ImageNetClass}, {@code ImageNetImage}): written by
 * {@code hit-tool import}, read by the seed's {@code /api/classes} endpoints and by the sandbox
 * mode. Writing a class or image again updates its description and keeps its counts.
 */
public final class Catalog {

  private static final String WNID = "wnid";
  private static final String SYNSET = "synset";
  private static final String DESCRIPTION = "description";
  private static final String WIKIPEDIA = "wikipedia";
  private static final String URL = "url";
  private static final int BATCH_GET_LIMIT = 100;

  private final DynamoDbClient dynamo;
  private final Tables tables;

  public Catalog(DynamoDbClient dynamo, Tables tables) {
    this.dynamo = dynamo;
    this.tables = tables;
  }

  /** Creates the class or updates its description; its counts stay. */
  public void put(CatalogClass c) {
    requireId(c.id(), "class");
    dynamo.updateItem(b -> b.tableName(tables.names().imageClass())
        .key(Map.of(Tables.CLASS_HASH, AttributeValue.fromS(c.id())))
        .updateExpression("SET #wnid = :wnid, #synset = :synset, #description = :description, #wikipedia = :wikipedia")
        .expressionAttributeNames(Map.of("#wnid", WNID, "#synset", SYNSET, "#description", DESCRIPTION,
            "#wikipedia", WIKIPEDIA))
        .expressionAttributeValues(Map.of(":wnid", text(c.wnid()), ":synset", list(c.synset()),
            ":description", text(c.description()), ":wikipedia", list(c.wikipedia()))));
  }

  /** Creates the image or updates its URL and class; its counts stay. */
  public void put(CatalogImage image) {
    requireId(image.id(), "image");
    requireId(image.classID(), "image's class");
    dynamo.updateItem(b -> b.tableName(tables.names().image())
        .key(Map.of(Tables.IMAGE_HASH, AttributeValue.fromS(image.id())))
        .updateExpression("SET #url = :url, #class = :class")
        .expressionAttributeNames(Map.of("#url", URL, "#class", Tables.CLASS_ID))
        .expressionAttributeValues(Map.of(":url", text(image.url()), ":class", AttributeValue.fromS(image.classID()))));
  }

  /** Every class, in no particular order (one paginated scan). */
  public List<CatalogClass> classes() {
    List<CatalogClass> classes = new ArrayList<>();
    dynamo.scanPaginator(b -> b.tableName(tables.names().imageClass()).consistentRead(true))
        .items().forEach(item -> classes.add(classOf(item)));
    return classes;
  }

  public Optional<CatalogClass> findClass(String id) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tables.names().imageClass()).consistentRead(true)
        .key(Map.of(Tables.CLASS_HASH, AttributeValue.fromS(id)))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(classOf(item));
  }

  /** The images of a class, ordered by id. */
  public List<CatalogImage> imagesOf(String classId) {
    List<CatalogImage> images = new ArrayList<>();
    dynamo.queryPaginator(b -> b.tableName(tables.names().image()).indexName(Tables.IMAGE_BY_CLASS)
            .keyConditionExpression("#class = :class")
            .expressionAttributeNames(Map.of("#class", Tables.CLASS_ID))
            .expressionAttributeValues(Map.of(":class", AttributeValue.fromS(classId))))
        .items().forEach(item -> images.add(imageOf(item)));
    return images;
  }

  /** The images of these ids that exist, by id (batch reads of up to 100, unprocessed keys read again). */
  public Map<String, CatalogImage> findImages(Collection<String> ids) {
    Map<String, CatalogImage> found = new HashMap<>();
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
    for (int from = 0; from < distinct.size(); from += BATCH_GET_LIMIT) {
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      for (String id : distinct.subList(from, Math.min(distinct.size(), from + BATCH_GET_LIMIT))) {
        keys.add(Map.of(Tables.IMAGE_HASH, AttributeValue.fromS(id)));
      }
      Map<String, KeysAndAttributes> request = Map.of(tables.names().image(),
          KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
      while (!request.isEmpty()) {
        Map<String, KeysAndAttributes> asked = request;
        BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(asked));
        response.responses().getOrDefault(tables.names().image(), List.of())
            .forEach(item -> found.put(item.get(Tables.IMAGE_HASH).s(), imageOf(item)));
        request = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
      }
    }
    return found;
  }

  private static CatalogClass classOf(Map<String, AttributeValue> item) {
    return new CatalogClass(item.get(Tables.CLASS_HASH).s(), string(item, WNID), strings(item, SYNSET),
        string(item, DESCRIPTION), strings(item, WIKIPEDIA), AnnotationCounts.of(item));
  }

  private static CatalogImage imageOf(Map<String, AttributeValue> item) {
    return new CatalogImage(item.get(Tables.IMAGE_HASH).s(), string(item, URL), string(item, Tables.CLASS_ID),
        AnnotationCounts.of(item));
  }

  private static void requireId(String id, String what) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("the " + what + " id is missing");
    }
  }

  private static AttributeValue text(String value) {
    return value == null ? AttributeValue.fromNul(true) : AttributeValue.fromS(value);
  }

  private static AttributeValue list(List<String> values) {
    return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
  }

  private static String string(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  private static List<String> strings(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || !value.hasL() ? List.of() : value.l().stream().map(AttributeValue::s).toList();
  }
}
