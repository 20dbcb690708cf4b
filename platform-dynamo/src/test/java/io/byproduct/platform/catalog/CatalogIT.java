package io.byproduct.platform.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.config.DynamoProperties.TableNames;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.tables.TableProvisioner;
import io.byproduct.platform.tables.Tables;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Classes, images and their annotation counts on a real DynamoDB-compatible server. */
class CatalogIT {

  private static LocalDynamo server;
  private static DynamoDbClient dynamo;
  private static ExecutorService executor;
  private static Catalog catalog;
  private static AnnotationCounts counts;
  private static HitStore hits;

  @BeforeAll
  static void start() {
    server = LocalDynamo.start();
    DynamoProperties props = new DynamoProperties(URI.create(server.endpoint()), "us-east-1", "local", "local",
        Duration.ofSeconds(10), TableNames.withPrefix("cat_"));
    dynamo = DynamoClients.create(props);
    Tables tables = new Tables(props.tables());
    new TableProvisioner(dynamo, tables, server.endpoint()).createMissing();
    executor = Executors.newFixedThreadPool(4);
    catalog = new Catalog(dynamo, tables);
    counts = new AnnotationCounts(dynamo, tables, executor);
    hits = new HitStore(dynamo, tables);
  }

  @AfterAll
  static void stop() {
    executor.shutdown();
    dynamo.close();
    server.close();
  }

  @Test
  void classesAndImages_readBackWithEveryVersionCountedFromZero() {
    catalog.put(CatalogClass.described("k1", "n01440764", List.of("tench", "Tinca tinca"), "a fish",
        List.of("https://en.wikipedia.org/wiki/Tench")));
    catalog.put(CatalogImage.described("k1/a", "/images/a.svg", "k1"));
    catalog.put(CatalogImage.described("k1/b", "https://example.org/b.jpg", "k1"));
    catalog.put(CatalogImage.described("k9/z", "/images/z.svg", "k9"));

    CatalogClass read = catalog.findClass("k1").orElseThrow();
    assertThat(read.synset()).containsExactly("tench", "Tinca tinca");
    assertThat(read.wikipedia()).containsExactly("https://en.wikipedia.org/wiki/Tench");
    assertThat(read.annotationCount()).containsExactly(Map.entry("POINTER_ORIGINAL", 0L),
        Map.entry("NO_POINTER_ORIGINAL", 0L), Map.entry("POINTER_NO_ORIGINAL", 0L), Map.entry("NO_POINTER_NO_ORIGINAL", 0L));
    assertThat(catalog.imagesOf("k1")).extracting(CatalogImage::id).containsExactly("k1/a", "k1/b");
    assertThat(catalog.imagesOf("k1").get(1).url()).isEqualTo("https://example.org/b.jpg");
    assertThat(catalog.findClass("absent")).isEmpty();
    assertThat(catalog.classes()).extracting(CatalogClass::id).contains("k1");
  }

  @Test
  void aContributionCountsOnce_perVersion_andUnknownImagesAreSkipped() {
    catalog.put(CatalogClass.described("k2", "n2", List.of("two"), "", List.of()));
    catalog.put(CatalogImage.described("k2/a", "/a", "k2"));
    catalog.put(CatalogImage.described("k2/b", "/b", "k2"));

    AnnotationCounts.Outcome first = counts.count("ann-1#1", "POINTER_ORIGINAL", "k2", List.of("k2/a", "k2/b", "k2/unknown"));
    AnnotationCounts.Outcome again = counts.count("ann-1#1", "POINTER_ORIGINAL", "k2", List.of("k2/a", "k2/b", "k2/unknown"));
    counts.count("ann-2#1", "POINTER_ORIGINAL", "k2", List.of("k2/a"));
    counts.count("ann-3#1", "NO_POINTER_NO_ORIGINAL", "k2", List.of("k2/b"));

    assertThat(first).isEqualTo(new AnnotationCounts.Outcome(true, 2, 1));
    assertThat(again).isEqualTo(new AnnotationCounts.Outcome(false, 0, 3));
    assertThat(catalog.findClass("k2").orElseThrow().annotationCount())
        .containsEntry("POINTER_ORIGINAL", 2L).containsEntry("NO_POINTER_NO_ORIGINAL", 1L)
        .containsEntry("NO_POINTER_ORIGINAL", 0L);
    Map<String, CatalogImage> images = catalog.findImages(List.of("k2/a", "k2/b", "k2/unknown"));
    assertThat(images).containsOnlyKeys("k2/a", "k2/b");
    assertThat(images.get("k2/a").annotationCount()).containsEntry("POINTER_ORIGINAL", 2L);
    assertThat(images.get("k2/b").annotationCount()).containsEntry("POINTER_ORIGINAL", 1L)
        .containsEntry("NO_POINTER_NO_ORIGINAL", 1L);
    assertThat(dynamo.scan(b -> b.tableName("cat_ImageNetImage")).items())
        .noneMatch(item -> item.get("id").s().equals("k2/unknown"));
  }

  @Test
  void importingAgain_keepsTheCounts() {
    catalog.put(CatalogClass.described("k3", "n3", List.of("three"), "old", List.of()));
    catalog.put(CatalogImage.described("k3/a", "/old", "k3"));
    counts.count("ann-9#2", "POINTER_NO_ORIGINAL", "k3", List.of("k3/a"));

    catalog.put(CatalogClass.described("k3", "n3", List.of("three"), "new gloss", List.of()));
    catalog.put(CatalogImage.described("k3/a", "/new", "k3"));

    assertThat(catalog.findClass("k3").orElseThrow().description()).isEqualTo("new gloss");
    assertThat(catalog.findClass("k3").orElseThrow().annotationCount()).containsEntry("POINTER_NO_ORIGINAL", 1L);
    assertThat(catalog.findImages(List.of("k3/a")).get("k3/a").url()).isEqualTo("/new");
    assertThat(catalog.findImages(List.of("k3/a")).get("k3/a").annotationCount()).containsEntry("POINTER_NO_ORIGINAL", 1L);
  }

  @Test
  void findImages_readsMoreThanOneBatch() {
    List<String> ids = new ArrayList<>();
    IntStream.range(0, 230).forEach(i -> {
      catalog.put(CatalogImage.described("k4/" + i, "/" + i, "k4"));
      ids.add("k4/" + i);
    });
    ids.add("k4/" + 5); // asked twice

    assertThat(catalog.findImages(ids)).hasSize(230);
    assertThat(catalog.imagesOf("k4")).hasSize(230);
  }

  @Test
  void anUnknownVersion_isRefused() {
    assertThatThrownBy(() -> counts.count("x", "RANDOM", "k1", List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RANDOM");
  }

  @Test
  void classOfPage_readsTheHitsPageClass() {
    hits.put("""
        {"hitDatasetName":"ds","id":"h1","pages":[
          {"pageno":1,"class":{"id":"k1"},"images":[]},{"pageno":2,"class":{"id":"k2"},"images":[]}]}""");

    assertThat(hits.classOfPage("ds", "h1", 2)).contains("k2");
    assertThat(hits.classOfPage("ds", "h1", 3)).isEmpty();
    assertThat(hits.classOfPage("ds", "nope", 1)).isEmpty();
  }
}
