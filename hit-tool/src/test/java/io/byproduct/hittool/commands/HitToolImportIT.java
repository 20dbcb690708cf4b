package io.byproduct.hittool.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.hittool.Fixtures;
import io.byproduct.hittool.batch.InterfaceVersion;
import io.byproduct.hittool.hits.BuildOptions;
import io.byproduct.hittool.hits.BuiltHits;
import io.byproduct.hittool.hits.HitBuilder;
import io.byproduct.hittool.hits.HitJson;
import io.byproduct.hittool.manifest.Manifest;
import io.byproduct.hittool.manifest.ManifestClass;
import io.byproduct.hittool.manifest.ManifestImage;
import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.catalog.Catalog;
import io.byproduct.platform.catalog.CatalogClass;
import io.byproduct.platform.catalog.CatalogImage;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.config.DynamoProperties.TableNames;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.tables.Tables;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code hit-tool import} and {@code show} through picocli, against a real DynamoDB-compatible server. */
class HitToolImportIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static LocalDynamo server;
  private static DynamoDbClient dynamo;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    server = LocalDynamo.start();
    dynamo = DynamoClients.create(properties("ImageNetHIT"));
  }

  @AfterAll
  static void stop() {
    dynamo.close();
    server.close();
  }

  static DynamoProperties properties(String table) {
    return new DynamoProperties(URI.create(server.endpoint()), "us-east-1", "local", "local", Duration.ofSeconds(10),
        new TableNames(table, "ImageNetAnnotation", "ImageNetAnnotationPage"));
  }

  private static HitStore store(String table) {
    return new HitStore(dynamo, new Tables(properties(table).tables()));
  }

  @Test
  void import_writesTheHits_withTheirReview_andTheBatchCsv() throws Exception {
    Manifest manifest = Fixtures.manifest("study", 5, 60, 6);
    Path manifestFile = Fixtures.write(manifest, dir.resolve("study.json"));
    Path csv = dir.resolve("batches/study.csv");
    String[] args = {"import", manifestFile.toString(), "--dynamo-endpoint", server.endpoint(), "--create-table",
        "--pages", "4", "--images-per-page", "24", "--positive-controls", "2", "--negative-controls", "2",
        "--repeats", "2", "--version", "random", "--progress-every", "3", "--csv", csv.toString(),
        "--tool-link", "https://annotate.example.org/"};

    HitToolCommandsTest.Run run = HitToolCommandsTest.run(args);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Manifest " + manifestFile + ": dataset 'study': 5 classes, 330 images (300 candidates, 30 controls)")
        .contains("Built 8 HITs (study-hit-0001 .. study-hit-0008), 30 pages, 300 candidates placed")
        .contains("Created the tables ImageNetHIT, ImageNetClass, ImageNetImage")
        .contains("Writing 5 classes and 330 images to the catalog ...")
        .contains("Writing 8 HITs to table ImageNetHIT at " + server.endpoint())
        .contains("  3/8 HITs written (37%)").contains("  6/8 HITs written (75%)").contains("  8/8 HITs written (100%)")
        .contains("Wrote the batch CSV " + csv.toAbsolutePath() + ": 8 rows, versions NO_POINTER_NO_ORIGINAL 2,"
            + " NO_POINTER_ORIGINAL 2, POINTER_NO_ORIGINAL 2, POINTER_ORIGINAL 2");

    // the CSV: header, one row per HIT, the four versions balanced
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo("toolLink,version,hitDatasetName,imageNetHitId");
    List<String[]> rows = lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
    assertThat(rows).hasSize(8).allSatisfy(r -> {
      assertThat(r).hasSize(4);
      assertThat(r[0]).isEqualTo("https://annotate.example.org/");
      assertThat(r[2]).isEqualTo("study");
    });
    assertThat(rows.stream().map(r -> r[3]).toList())
        .containsExactly("study-hit-0001", "study-hit-0002", "study-hit-0003", "study-hit-0004", "study-hit-0005",
            "study-hit-0006", "study-hit-0007", "study-hit-0008");
    Map<String, Long> versions = rows.stream().collect(Collectors.groupingBy(r -> r[1], Collectors.counting()));
    assertThat(versions).containsOnlyKeys(Arrays.stream(InterfaceVersion.values()).map(Enum::name).toList());
    assertThat(versions.values()).containsOnly(2L);

    // the HITs: exactly what the builder makes, review for requesters only
    BuiltHits expected = HitBuilder.build(manifest, BuildOptions.defaults().withPages(4).withImagesPerPage(24)
        .withControls(2, 2).withRepeats(2));
    HitStore store = store("ImageNetHIT");
    for (var hit : expected.hits()) {
      JsonNode withReview = JSON.readTree(store.findWithReview("study", hit.id()).orElseThrow());
      JsonNode workerView = JSON.readTree(store.findJson("study", hit.id()).orElseThrow());
      assertThat(withReview).isEqualTo(JSON.readTree(HitJson.toJson(hit)));
      assertThat(withReview.path("review").path("controls").size()).isEqualTo(hit.pages().size());
      assertThat(withReview.path("review").path("controls").path("1").size()).isEqualTo(4);
      assertThat(workerView.has("review")).isFalse();
      assertThat(workerView.toString()).doesNotContain("positive").doesNotContain("negative");
      assertThat(workerView.get("pages")).isEqualTo(withReview.get("pages"));
    }

    // show: the review section, or the worker's view
    HitToolCommandsTest.Run show = HitToolCommandsTest.run("show", "--dataset", "study", "--hit", "study-hit-0002",
        "--dynamo-endpoint", server.endpoint());
    assertThat(show.exitCode()).as(show.err()).isZero();
    assertThat(JSON.readTree(show.out())).isEqualTo(JSON.readTree(HitJson.toJson(expected.hits().get(1))));
    HitToolCommandsTest.Run worker = HitToolCommandsTest.run("show", "--dataset", "study", "--hit", "study-hit-0002",
        "--dynamo-endpoint", server.endpoint(), "--worker-view");
    assertThat(JSON.readTree(worker.out()).has("review")).isFalse();

    // importing again is harmless: the same items, the same CSV
    String firstCsv = Files.readString(csv);
    assertThat(HitToolCommandsTest.run(args).exitCode()).isZero();
    assertThat(dynamo.scan(b -> b.tableName("ImageNetHIT")).items().stream()
        .filter(i -> i.get("hitDatasetName").s().equals("study")).count()).isEqualTo(8);
    assertThat(Files.readString(csv)).isEqualTo(firstCsv);

    // the catalog: every class and image of the manifest, for the seed's /api/classes
    Catalog catalog = new Catalog(dynamo, new Tables(properties("ImageNetHIT").tables()));
    assertThat(catalog.classes()).extracting(CatalogClass::id)
        .containsAll(manifest.classes().stream().map(ManifestClass::id).toList());
    ManifestClass first = manifest.classes().get(0);
    CatalogClass stored = catalog.findClass(first.id()).orElseThrow();
    assertThat(stored.synset()).isEqualTo(first.synset());
    assertThat(stored.wnid()).isEqualTo(first.wnid());
    assertThat(catalog.imagesOf(first.id())).extracting(CatalogImage::id).containsExactlyInAnyOrderElementsOf(
        manifest.images().stream().filter(i -> i.classId().equals(first.id())).map(ManifestImage::id).toList());
  }

  @Test
  void show_anUnknownHit_isNotFound() {
    HitToolCommandsTest.run("import", Fixtures.write(Fixtures.manifest("other", 1, 48, 0), dir.resolve("o.json"))
        .toString(), "--dynamo-endpoint", server.endpoint(), "--create-table", "--csv", dir.resolve("o.csv").toString(),
        "--tool-link", "https://a.example.org/");

    HitToolCommandsTest.Run run = HitToolCommandsTest.run("show", "--dataset", "other", "--hit", "other-hit-9999",
        "--dynamo-endpoint", server.endpoint());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(run.err()).contains("no HIT 'other-hit-9999' in dataset 'other' (table ImageNetHIT at "
        + server.endpoint() + ")");
  }

  @Test
  void import_intoAMissingTable_withoutCreateTable_writesNothing() {
    Path csv = dir.resolve("x.csv");

    HitToolCommandsTest.Run run = HitToolCommandsTest.run("import",
        Fixtures.write(Fixtures.manifest("x", 1, 48, 0), dir.resolve("x.json")).toString(),
        "--dynamo-endpoint", server.endpoint(), "--table", "NoSuchTable", "--csv", csv.toString(),
        "--tool-link", "https://a.example.org/");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(run.err()).contains("DynamoDB table 'NoSuchTable' does not exist at " + server.endpoint()
        + ": pass --create-table to create the missing tables, or name existing ones with --table (and the catalog's"
        + " with --class-table and --image-table); nothing was written.");
    assertThat(csv).doesNotExist();
    assertThat(dynamo.listTables().tableNames()).doesNotContain("NoSuchTable");
  }

  @Test
  void createTable_createsOnlyTheTablesAnImportWrites_underTheirConfiguredNames() {
    HitToolCommandsTest.Run run = HitToolCommandsTest.run("import",
        Fixtures.write(Fixtures.manifest("y", 2, 48, 0), dir.resolve("y.json")).toString(),
        "--dynamo-endpoint", server.endpoint(), "--table", "StudyHits", "--class-table", "StudyClasses",
        "--image-table", "StudyImages", "--create-table",
        "--csv", dir.resolve("y.csv").toString(), "--tool-link", "https://a.example.org/", "--version",
        "POINTER_ORIGINAL", "--unique");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(dynamo.listTables().tableNames()).contains("StudyHits", "StudyClasses", "StudyImages")
        .doesNotContain("ImageNetAnnotationPage");
    JsonNode hit = JSON.readTree(store("StudyHits").findWithReview("y", "y-hit-0001").orElseThrow());
    assertThat(hit.get("isUnique").asBoolean()).isTrue();
    assertThat(hit.path("review").path("controls").size()).isZero();
  }
}
