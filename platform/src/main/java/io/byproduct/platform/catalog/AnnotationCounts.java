package io.byproduct.platform.catalog;

import io.byproduct.platform.tables.Tables;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Counts stored annotations of classes and images per interface version, exactly once each.
 *
 * <p>Every stored annotation has a contribution key (a HIT page: {@code <annotation id>#<page>}; a
 * sandbox submit: its id). Counting adds 1 to {@code annotationCount_<VERSION>} and the key to the
 * string set {@code countedIn}, on condition that the item exists and the set does not hold the key
 * yet: one conditional update, so a page delivered again, or a count retried after a crash, is not
 * counted twice, without transactions (which dynalite lacks). {@code countedIn} grows by one key
 * (~40 bytes) per annotation of the item: a class reaches DynamoDB's 400 KB item limit after about
 * 9,000 annotated pages.
 */
public final class AnnotationCounts {

  /** The four interface versions of the seed, in its order. */
  public static final List<String> VERSIONS =
      List.of("POINTER_ORIGINAL", "NO_POINTER_ORIGINAL", "POINTER_NO_ORIGINAL", "NO_POINTER_NO_ORIGINAL");
  static final String COUNT_PREFIX = "annotationCount_";
  static final String COUNTED_IN = "countedIn";

  /** What one count did. */
  public record Outcome(boolean classCounted, int imagesCounted, int imagesSkipped) {}

  private final DynamoDbClient dynamo;
  private final Tables tables;
  private final Executor executor;

  /** @param executor runs the per-image updates of one annotation in parallel */
  public AnnotationCounts(DynamoDbClient dynamo, Tables tables, Executor executor) {
    this.dynamo = dynamo;
    this.tables = tables;
    this.executor = executor;
  }

  /** Every version at 0. */
  public static Map<String, Long> none() {
    Map<String, Long> counts = new LinkedHashMap<>();
    VERSIONS.forEach(v -> counts.put(v, 0L));
    return counts;
  }

  public static boolean isVersion(String version) {
    return version != null && VERSIONS.contains(version);
  }

  /**
   * Counts one stored annotation of a class (may be null when unknown) and its images. Items that
   * do not exist (an image no manifest named) and contributions already counted are skipped.
   *
   * @throws IllegalArgumentException if the version is not one of {@link #VERSIONS}
   */
  public Outcome count(String contribution, String version, String classId, Collection<String> imageIds) {
    if (!isVersion(version)) {
      throw new IllegalArgumentException("'" + version + "' is not one of " + VERSIONS);
    }
    List<CompletableFuture<Boolean>> images = new ArrayList<>();
    for (String imageId : new LinkedHashSet<>(imageIds)) {
      images.add(CompletableFuture.supplyAsync(
          () -> countOnce(tables.names().image(), Tables.IMAGE_HASH, imageId, contribution, version), executor));
    }
    boolean classCounted = classId != null
        && countOnce(tables.names().imageClass(), Tables.CLASS_HASH, classId, contribution, version);
    int counted = 0;
    try {
      for (CompletableFuture<Boolean> image : images) {
        counted += image.join() ? 1 : 0;
      }
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
    return new Outcome(classCounted, counted, images.size() - counted);
  }

  private boolean countOnce(String table, String hashKey, String id, String contribution, String version) {
    try {
      dynamo.updateItem(b -> b.tableName(table)
          .key(Map.of(hashKey, AttributeValue.fromS(id)))
          .updateExpression("ADD #count :one, #counted :contribution")
          .conditionExpression("attribute_exists(#id) AND NOT contains(#counted, :key)")
          .expressionAttributeNames(Map.of("#count", COUNT_PREFIX + version, "#counted", COUNTED_IN, "#id", hashKey))
          .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
              ":contribution", AttributeValue.fromSs(List.of(contribution)), ":key", AttributeValue.fromS(contribution))));
      return true;
    } catch (ConditionalCheckFailedException countedOrUnknown) {
      return false;
    }
  }

  /** The counts stored on a class or image item, every version present. */
  static Map<String, Long> of(Map<String, AttributeValue> item) {
    Map<String, Long> counts = none();
    for (String version : VERSIONS) {
      AttributeValue value = item.get(COUNT_PREFIX + version);
      if (value != null && value.n() != null) {
        counts.put(version, Long.parseLong(value.n()));
      }
    }
    return counts;
  }
}
