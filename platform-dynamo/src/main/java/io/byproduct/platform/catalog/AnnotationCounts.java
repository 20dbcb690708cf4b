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
 * Counts stored annotations of classes and images per interface version, exactly once each, with
 * items that never grow.
 *
 * <p>Every stored annotation has a contribution key (a HIT page: {@code <annotation id>#<page>}; a
 * sandbox submit: its id). What was counted is kept as one marker item per (class or image,
 * contribution) in {@code ImageNetCountMarker}, not on the counted item: a set of every
 * contribution on the item would reach DynamoDB's 400 KB item limit after about 9,000 annotations
 * of a class, after which every count of that class fails. Without transactions (which dynalite
 * lacks), one count is four steps, each safe to repeat after a crash:
 * <ol>
 *   <li>read the marker (consistently); DONE: counted already, go to 4;
 *   <li>on the item: add 1 to {@code annotationCount_<VERSION>} and the key to {@code pending}, if
 *       the item exists and {@code pending} does not hold the key (a crash after this step finds it
 *       there and adds nothing again);
 *   <li>put the marker DONE;
 *   <li>remove the key from the item's {@code pending}.
 * </ol>
 * {@code pending} holds only the counts in flight (and those a crash interrupted until their record
 * is delivered again), so the item stays a few hundred bytes however often it is counted. The
 * markers of an item are one query, so its counts can be recounted from them.
 */
public final class AnnotationCounts {

  /** The four interface versions of the seed, in its order. */
  public static final List<String> VERSIONS =
      List.of("POINTER_ORIGINAL", "NO_POINTER_ORIGINAL", "POINTER_NO_ORIGINAL", "NO_POINTER_NO_ORIGINAL");
  static final String COUNT_PREFIX = "annotationCount_";
  static final String PENDING = "pending";
  static final String MARKER_STATE = "state";
  static final String DONE = "DONE";

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
          () -> countOnce("image", tables.names().image(), Tables.IMAGE_HASH, imageId, contribution, version), executor));
    }
    boolean classCounted = classId != null
        && countOnce("class", tables.names().imageClass(), Tables.CLASS_HASH, classId, contribution, version);
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

  /** @return whether this call added the contribution to the item's count */
  private boolean countOnce(String kind, String table, String hashKey, String id, String contribution, String version) {
    Map<String, AttributeValue> marker = Map.of(Tables.MARKER_HASH, AttributeValue.fromS(kind + "|" + id),
        Tables.MARKER_RANGE, AttributeValue.fromS(contribution));
    Map<String, AttributeValue> stored = dynamo.getItem(b -> b.tableName(tables.names().countMarker()).key(marker)
        .consistentRead(true)).item();
    boolean added = false;
    if (stored == null || stored.isEmpty() || !stored.containsKey(MARKER_STATE)) {
      added = addOnce(table, hashKey, id, contribution, version);
      Map<String, AttributeValue> done = new java.util.HashMap<>(marker);
      done.put(MARKER_STATE, AttributeValue.fromS(DONE));
      done.put("version", AttributeValue.fromS(version));
      dynamo.putItem(b -> b.tableName(tables.names().countMarker()).item(done));
    }
    clearPending(table, hashKey, id, contribution);
    return added;
  }

  /** Step 2: the count and the pending key in one conditional update. */
  private boolean addOnce(String table, String hashKey, String id, String contribution, String version) {
    try {
      dynamo.updateItem(b -> b.tableName(table)
          .key(Map.of(hashKey, AttributeValue.fromS(id)))
          .updateExpression("ADD #count :one, #pending :contribution")
          .conditionExpression("attribute_exists(#id) AND NOT contains(#pending, :key)")
          .expressionAttributeNames(Map.of("#count", COUNT_PREFIX + version, "#pending", PENDING, "#id", hashKey))
          .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
              ":contribution", AttributeValue.fromSs(List.of(contribution)), ":key", AttributeValue.fromS(contribution))));
      return true;
    } catch (ConditionalCheckFailedException addedOrUnknown) {
      return false;
    }
  }

  /** Step 4: the key leaves the item's pending set (nothing happens if it is not there or the item is unknown). */
  private void clearPending(String table, String hashKey, String id, String contribution) {
    try {
      dynamo.updateItem(b -> b.tableName(table)
          .key(Map.of(hashKey, AttributeValue.fromS(id)))
          .updateExpression("DELETE #pending :contribution")
          .conditionExpression("contains(#pending, :key)")
          .expressionAttributeNames(Map.of("#pending", PENDING))
          .expressionAttributeValues(Map.of(":contribution", AttributeValue.fromSs(List.of(contribution)),
              ":key", AttributeValue.fromS(contribution))));
    } catch (ConditionalCheckFailedException notPending) {
      // cleared before, or never added (unknown item)
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
