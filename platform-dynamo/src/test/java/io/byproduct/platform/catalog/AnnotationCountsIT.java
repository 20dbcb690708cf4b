package io.byproduct.platform.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.config.DynamoProperties.TableNames;
import io.byproduct.platform.tables.TableProvisioner;
import io.byproduct.platform.tables.Tables;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Counting on a real DynamoDB-compatible server, under the attack of issue 20: anonymous sandbox
 * submits, each a new contribution, counted for one class far past the number that filled a
 * set of contributions on the class item to DynamoDB's 400 KB limit; and crashes between the steps
 * of a count.
 */
class AnnotationCountsIT {

  private static final String VERSION = "POINTER_ORIGINAL";

  private static LocalDynamo server;
  private static DynamoDbClient dynamo;
  private static ExecutorService executor;
  private static Catalog catalog;
  private static AnnotationCounts counts;
  private static Tables tables;

  @BeforeAll
  static void start() {
    server = LocalDynamo.start();
    DynamoProperties props = new DynamoProperties(URI.create(server.endpoint()), "us-east-1", "local", "local",
        Duration.ofSeconds(10), TableNames.withPrefix("cnt_"));
    dynamo = DynamoClients.create(props);
    tables = new Tables(props.tables());
    new TableProvisioner(dynamo, tables, server.endpoint()).createMissing();
    executor = Executors.newFixedThreadPool(4);
    catalog = new Catalog(dynamo, tables);
    counts = new AnnotationCounts(dynamo, tables, executor);
  }

  @AfterAll
  static void stop() {
    executor.shutdown();
    dynamo.close();
    server.close();
  }

  /** A sandbox content id as the gateway makes them: {@code sandbox-} and 32 hex. */
  private static String sandboxId(int n) {
    return "sandbox-" + HexFormat.of().formatHex(("submit-" + n + "-of-the-flood----").getBytes(StandardCharsets.US_ASCII), 0, 16);
  }

  private static Map<String, AttributeValue> classItem(String id) {
    return dynamo.getItem(b -> b.tableName(tables.names().imageClass()).key(Map.of(Tables.CLASS_HASH, AttributeValue.fromS(id)))
        .consistentRead(true)).item();
  }

  /** DynamoDB's item size: names and values (strings and numbers as their characters, sets summed). */
  private static int sizeOf(Map<String, AttributeValue> item) {
    int size = 0;
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      AttributeValue v = attribute.getValue();
      size += attribute.getKey().length();
      size += v.s() != null ? v.s().length() : v.n() != null ? v.n().length()
          : v.hasSs() ? v.ss().stream().mapToInt(String::length).sum() : v.hasL() ? 8 * v.l().size() : 8;
    }
    return size;
  }

  @Test
  void tenThousandDistinctSubmits_allCount_andTheClassItemDoesNotGrow() throws Exception {
    catalog.put(CatalogClass.described("flood", "n0", List.of("flooded"), "", List.of()));
    int submits = 10_500;  // 10,500 ids of 40 bytes: 420 KB, past the 400 KB item limit as a set on the item
    List<Future<AnnotationCounts.Outcome>> done = new ArrayList<>();
    ExecutorService senders = Executors.newFixedThreadPool(8);
    try {
      for (int i = 0; i < 100; i++) {
        assertThat(counts.count(sandboxId(i), VERSION, "flood", List.of()).classCounted()).isTrue();
      }
      int sizeAfter100 = sizeOf(classItem("flood"));
      for (int i = 100; i < submits; i++) {
        String id = sandboxId(i);
        done.add(senders.submit(() -> counts.count(id, VERSION, "flood", List.of())));
      }
      for (Future<AnnotationCounts.Outcome> f : done) {
        assertThat(join(f).classCounted()).isTrue();
      }
      Map<String, AttributeValue> item = classItem("flood");
      assertThat(catalog.findClass("flood").orElseThrow().annotationCount()).containsEntry(VERSION, (long) submits);
      assertThat(sizeOf(item)).as("the class item after %d counts", submits).isLessThan(1024)
          .isLessThanOrEqualTo(sizeAfter100 + 8);
      assertThat(item).doesNotContainKey("countedIn");
      assertThat(item.get(AnnotationCounts.PENDING)).as("nothing left pending").isNull();

      assertThat(counts.count(sandboxId(7), VERSION, "flood", List.of()).classCounted()).as("the same submit again")
          .isFalse();
      assertThat(counts.count(sandboxId(submits), VERSION, "flood", List.of()).classCounted()).as("a new one").isTrue();
      assertThat(catalog.findClass("flood").orElseThrow().annotationCount()).containsEntry(VERSION, submits + 1L);
    } finally {
      senders.shutdown();
    }
  }

  @Test
  void crashAfterTheCountBeforeTheMarker_theRedeliveredCountAddsNothing_andClearsThePendingKey() {
    catalog.put(CatalogClass.described("crash", "n1", List.of("crashed"), "", List.of()));
    catalog.put(CatalogImage.described("crash/a", "/a", "crash"));
    // step 2 of a count done, then the process died: the count and the pending key are on the item
    dynamo.updateItem(b -> b.tableName(tables.names().imageClass())
        .key(Map.of(Tables.CLASS_HASH, AttributeValue.fromS("crash")))
        .updateExpression("ADD #c :one, #p :k")
        .expressionAttributeNames(Map.of("#c", "annotationCount_" + VERSION, "#p", AnnotationCounts.PENDING))
        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":k", AttributeValue.fromSs(List.of("ann-c#1")))));

    AnnotationCounts.Outcome redelivered = counts.count("ann-c#1", VERSION, "crash", List.of("crash/a"));
    AnnotationCounts.Outcome again = counts.count("ann-c#1", VERSION, "crash", List.of("crash/a"));

    assertThat(redelivered).isEqualTo(new AnnotationCounts.Outcome(false, 1, 0));
    assertThat(again).isEqualTo(new AnnotationCounts.Outcome(false, 0, 1));
    assertThat(catalog.findClass("crash").orElseThrow().annotationCount()).containsEntry(VERSION, 1L);
    assertThat(catalog.findImages(List.of("crash/a")).get("crash/a").annotationCount()).containsEntry(VERSION, 1L);
    assertThat(classItem("crash").get(AnnotationCounts.PENDING)).isNull();
  }

  @Test
  void crashAfterTheMarkerBeforeClearing_theRedeliveredCountOnlyClearsThePendingKey() {
    catalog.put(CatalogClass.described("crash2", "n2", List.of("crashed"), "", List.of()));
    counts.count("ann-d#1", VERSION, "crash2", List.of());
    // as if step 4 had not run: the key is back in the pending set
    dynamo.updateItem(b -> b.tableName(tables.names().imageClass())
        .key(Map.of(Tables.CLASS_HASH, AttributeValue.fromS("crash2")))
        .updateExpression("ADD #p :k")
        .expressionAttributeNames(Map.of("#p", AnnotationCounts.PENDING))
        .expressionAttributeValues(Map.of(":k", AttributeValue.fromSs(List.of("ann-d#1")))));

    assertThat(counts.count("ann-d#1", VERSION, "crash2", List.of()).classCounted()).isFalse();
    assertThat(catalog.findClass("crash2").orElseThrow().annotationCount()).containsEntry(VERSION, 1L);
    assertThat(classItem("crash2").get(AnnotationCounts.PENDING)).isNull();
  }

  private static <T> T join(Future<T> f) {
    try {
      return f.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
