package io.byproduct.gateway.binding;

import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.pages.PageItems;
import io.byproduct.platform.pages.PageReader;
import io.byproduct.platform.tables.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What is stored of an annotation, read consistently: its HIT-level item (owner, ids) and which of
 * its pages are in {@code ImageNetAnnotationPage}; and which pages its HIT has. Completion is
 * decided here, from stored pages only: a "finished" event or an {@code isDone} flag is a claim.
 */
@Component
public class StoredAnnotations {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A stored HIT-level annotation: the fields the binding and the survey code need. */
  public record Annotation(String id, String hitDatasetName, String imageNetHitId, String workerPseudonym,
      String assignmentId, String hitId, String version) {}

  private final DynamoDbClient dynamo;
  private final Tables tables;
  private final HitStore hits;
  private final PageReader pages;

  public StoredAnnotations(DynamoDbClient dynamo, Tables tables, HitStore hits) {
    this.dynamo = dynamo;
    this.tables = tables;
    this.hits = hits;
    this.pages = new PageReader(dynamo, tables);
  }

  /** A stored page in the seed's JSON shape, or empty if it is not stored (yet). */
  public Optional<JsonNode> page(String annotationId, int pageNo) {
    return pages.read(annotationId, pageNo);
  }

  /**
   * The content hash of a stored page, read consistently from its head item alone: empty if the page
   * is not stored (yet), {@code ""} for a page stored without one (from the stream, or before hashes).
   */
  public Optional<String> pageHash(String annotationId, int pageNo) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tables.names().page()).consistentRead(true)
        .key(Map.of(Tables.PAGE_HASH, AttributeValue.fromS(annotationId), Tables.PAGE_RANGE,
            AttributeValue.fromS(Tables.pageKey(pageNo))))
        .projectionExpression("#k, #h").expressionAttributeNames(Map.of("#k", Tables.PAGE_RANGE, "#h", PageItems.CONTENT_HASH)))
        .item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    AttributeValue hash = item.get(PageItems.CONTENT_HASH);
    return Optional.of(hash == null ? "" : hash.s());
  }

  /** The stored annotation, or empty if none (yet) has this id. */
  public Optional<Annotation> find(String annotationId) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tables.names().annotation()).consistentRead(true)
        .key(Map.of(Tables.ANNOTATION_HASH, AttributeValue.fromS(annotationId)))).item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Annotation(annotationId, text(item, Tables.DATASET), text(item, "imageNetHitID"),
        text(item, Tables.WORKER_ID), text(item, "assignmentID"), text(item, "hitID"), text(item, "version")));
  }

  /** What the binding needs of a HIT: its page numbers ({@code pages[].pageno}) and {@code isUnique}. */
  public record Hit(List<Integer> pages, boolean unique) {}

  /** The HIT, or empty if the dataset has no such HIT. */
  public Optional<Hit> hit(String hitDatasetName, String imageNetHitId) {
    return hits.findJson(hitDatasetName, imageNetHitId).map(json -> {
      JsonNode hit = JSON.readTree(json);
      JsonNode pages = hit.path("pages");
      List<Integer> numbers = new ArrayList<>();
      for (int i = 0; i < pages.size(); i++) {
        JsonNode no = pages.get(i).get("pageno");
        numbers.add(no != null && no.isIntegralNumber() ? no.asInt() : i + 1);
      }
      return new Hit(numbers, hit.path("isUnique").asBoolean(false));
    });
  }

  /** The numbers of the annotation's pages stored in {@code ImageNetAnnotationPage} (head items only). */
  public Set<Integer> storedPages(String annotationId) {
    QueryRequest query = QueryRequest.builder().tableName(tables.names().page()).consistentRead(true)
        .keyConditionExpression("#a = :a")
        .projectionExpression("#k")
        .expressionAttributeNames(Map.of("#a", Tables.PAGE_HASH, "#k", Tables.PAGE_RANGE))
        .expressionAttributeValues(Map.of(":a", AttributeValue.fromS(annotationId)))
        .build();
    Set<Integer> pages = new TreeSet<>();
    dynamo.queryPaginator(query).items().forEach(item -> {
      String key = item.get(Tables.PAGE_RANGE).s();
      if (key.length() == 4) {
        pages.add(Integer.parseInt(key));
      }
    });
    return pages;
  }

  /** What is stored of an annotation against its HIT's pages. */
  public record Progress(List<Integer> hitPages, Set<Integer> stored) {

    /** Every page of the HIT is stored (and the HIT has pages). */
    public boolean complete() {
      return !hitPages.isEmpty() && stored.containsAll(hitPages);
    }

    /** How many of the HIT's pages, from the first, are stored without a gap: resume after them. */
    public int pagesInOrder() {
      int n = 0;
      while (n < hitPages.size() && stored.contains(hitPages.get(n))) {
        n++;
      }
      return n;
    }
  }

  /** The annotation's progress on its HIT, or empty if the dataset has no such HIT. */
  public Optional<Progress> progress(String hitDatasetName, String imageNetHitId, String annotationId) {
    return hit(hitDatasetName, imageNetHitId).map(hit -> new Progress(hit.pages(), storedPages(annotationId)));
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }
}
