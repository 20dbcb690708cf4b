package io.byproduct.platform.catalog;

import io.byproduct.platform.batches.DynamoBatches;
import io.byproduct.platform.tables.Tables;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
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
 * lacks), one count is four steps, each safe to repeat after a crash (steps 1 and 3 are batched over
 * the class and every image of the annotation: one batch read, a batch put per 25 markers; steps 2
 * and 4 are conditional, so one request per item, in parallel):
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
    List<Counted> targets = new ArrayList<>();
    if (classId != null) {
      targets.add(new Counted("class", tables.names().imageClass(), Tables.CLASS_HASH, classId));
    }
    for (String imageId : new LinkedHashSet<>(imageIds)) {
      targets.add(new Counted("image", tables.names().image(), Tables.IMAGE_HASH, imageId));
    }
    // step 1 for every item at once: one batch read of the markers
    Set<String> done = new HashSet<>();
    List<Map<String, AttributeValue>> markerKeys = targets.stream().map(t -> t.marker(contribution)).toList();
    for (Map<String, AttributeValue> stored : DynamoBatches.getAll(dynamo, tables.names().countMarker(), markerKeys)) {
      if (stored.containsKey(MARKER_STATE)) {
        done.add(stored.get(Tables.MARKER_HASH).s());
      }
    }
    List<Counted> toAdd = targets.stream().filter(t -> !done.contains(t.markerHash())).toList();
    // step 2, each item on its own (a conditional update), in parallel
    List<Boolean> added = inParallel(toAdd, t -> addOnce(t.table(), t.hashKey(), t.id(), contribution, version));
    // step 3 for every item at once: the markers put in batches, after every step 2 succeeded
    List<Map<String, AttributeValue>> markers = new ArrayList<>();
    for (Counted t : toAdd) {
      Map<String, AttributeValue> marker = new HashMap<>(t.marker(contribution));
      marker.put(MARKER_STATE, AttributeValue.fromS(DONE));
      marker.put("version", AttributeValue.fromS(version));
      markers.add(marker);
    }
    DynamoBatches.putAll(dynamo, tables.names().countMarker(), markers);
    // step 4, each item on its own, in parallel
    inParallel(targets, t -> {
      clearPending(t.table(), t.hashKey(), t.id(), contribution);
      return true;
    });
    boolean classCounted = false;
    int imagesCounted = 0;
    int images = 0;
    for (int i = 0; i < toAdd.size(); i++) {
      if (toAdd.get(i).kind().equals("class")) {
        classCounted = added.get(i);
      } else if (added.get(i)) {
        imagesCounted++;
      }
    }
    for (Counted t : targets) {
      images += t.kind().equals("image") ? 1 : 0;
    }
    return new Outcome(classCounted, imagesCounted, images - imagesCounted);
  }

  /** A class or image item to count, and its marker's hash key ({@code <kind>|<id>}). */
  private record Counted(String kind, String table, String hashKey, String id) {
    String markerHash() {
      return kind + "|" + id;
    }

    Map<String, AttributeValue> marker(String contribution) {
      return Map.of(Tables.MARKER_HASH, AttributeValue.fromS(markerHash()), Tables.MARKER_RANGE,
          AttributeValue.fromS(contribution));
    }
  }

  /** {@code step} of every item on the executor; the results in order; the first failure thrown as it was. */
  private <T> List<T> inParallel(List<Counted> items, Function<Counted, T> step) {
    List<CompletableFuture<T>> futures = new ArrayList<>();
    for (Counted item : items) {
      futures.add(CompletableFuture.supplyAsync(() -> step.apply(item), executor));
    }
    List<T> results = new ArrayList<>();
    RuntimeException failed = null;
    for (CompletableFuture<T> future : futures) {
      try {
        results.add(future.join());
      } catch (CompletionException e) {
        if (failed == null) {
          failed = e.getCause() instanceof RuntimeException cause ? cause : e;
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
    return results;
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
