package io.byproduct.hittool.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.hittool.commands.HitTool;
import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.annotations.AnnotationItems;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.config.DynamoProperties.TableNames;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.pages.PageItems;
import io.byproduct.platform.tables.TableProvisioner;
import io.byproduct.platform.tables.Tables;
import io.byproduct.platform.workers.AssignmentBinding;
import io.byproduct.platform.workers.WorkerPseudonyms;
import io.byproduct.schemas.record.AnnotationRecord;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import io.byproduct.schemas.record.Position;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code hit-tool review --results --out} with flags from the stored pages on dynalite: the HIT's
 * controls, the annotations our page started and their pages decide; a forged annotation does not.
 */
class ReviewStoredFlagsIT {

  static final String WORKER_KEY = "the-gateways-worker-id-key-0123456789";
  static final List<String> IMAGES = List.of("p1", "n1", "c1", "c2", "c3", "c4");

  private static LocalDynamo server;
  private static DynamoDbClient dynamo;
  private static Tables tables;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    server = LocalDynamo.start();
    DynamoProperties props = new DynamoProperties(URI.create(server.endpoint()), "us-east-1", "local", "local",
        Duration.ofSeconds(10), new TableNames("ImageNetHIT", "ImageNetAnnotation", "ImageNetAnnotationPage",
        "ImageNetClass", "ImageNetImage", "ImageNetSandboxAnnotation"));
    dynamo = DynamoClients.create(props);
    tables = new Tables(props.tables());
    new TableProvisioner(dynamo, tables, DynamoClients.describe(props)).createMissing();
    new HitStore(dynamo, tables).put("""
        {"hitDatasetName": "study", "id": "hit-1", "isUnique": false, "pages": [
          {"pageno": 1, "class": {"id": "n01440764"}, "images": []},
          {"pageno": 2, "class": {"id": "n01440764"}, "images": []}],
         "review": {"controls": {"1": {"p1": "positive", "n1": "negative"}, "2": {"p1": "positive", "n1": "negative"}}}}""");
    // an honest worker: the positive control and two candidates, 40 s a page, every selected image hovered
    store(ourAnnotation("3HIT1", "3ASG1", "A1HONEST"), "A1HONEST", 40, List.of("p1", "c1", "c2"), true);
    // a script: every image, 2 s a page, never hovered
    store(ourAnnotation("3HIT1", "3ASG2", "A2SCRIPT"), "A2SCRIPT", 2, IMAGES, false);
    // attack: through the seed API, someone stores an annotation claiming the honest worker's next assignment,
    // with pages that would fail every rule, to get them rejected (and another claiming 3ASG4 with good pages)
    store(forged("3HIT2", "3ASG3", "forged-3"), "A3HONEST", 2, IMAGES, false);
    store(ourAnnotation("3HIT2", "3ASG3", "A3HONEST"), "A3HONEST", 30, List.of("p1", "c3"), true);
    store(forged("3HIT2", "3ASG4", "forged-4"), "A4NOWORK", 30, List.of("p1", "c3"), true);
  }

  @AfterAll
  static void stop() {
    dynamo.close();
    server.close();
  }

  static AnnotationRecord ourAnnotation(String hitId, String assignmentId, String worker) {
    String pseudonym = new WorkerPseudonyms(WORKER_KEY).pseudonymise(worker);
    String id = new AssignmentBinding(WORKER_KEY).annotationId("study", "hit-1", pseudonym, assignmentId, hitId);
    return annotation(id, hitId, assignmentId, pseudonym);
  }

  static AnnotationRecord forged(String hitId, String assignmentId, String id) {
    return annotation(id, hitId, assignmentId, "0000000000000000");
  }

  static AnnotationRecord annotation(String id, String hitId, String assignmentId, String pseudonym) {
    return AnnotationRecord.newBuilder().setId(id).setHitDatasetName("study").setImageNetHitID("hit-1")
        .setAnnotatorID(pseudonym).setWorkerID(pseudonym).setHitID(hitId).setAssignmentID(assignmentId)
        .setVersion("POINTER_ORIGINAL").setCreatedAt(1_767_225_600_000L).setPageCount(2).setIsDone(true).build();
  }

  static void store(AnnotationRecord annotation, String worker, long seconds, List<String> selected, boolean hovered) {
    dynamo.putItem(b -> b.tableName(tables.names().annotation()).item(AnnotationItems.itemOf(annotation)));
    for (int pageNo = 1; pageNo <= 2; pageNo++) {
      List<ImageRecord> images = new ArrayList<>();
      for (String id : IMAGES) {
        boolean on = selected.contains(id);
        images.add(ImageRecord.newBuilder().setImageID(id).setOriginalImageHeight(375).setOriginalImageWidth(500)
            .setImageHeight(255).setImageWidth(340).setImagePosition(new Position(8, 260)).setHoveredRecord(List.of())
            .setHoveredCount(hovered ? 1 : 0).setMouseTracking(List.of()).setSelected(on).setSelectedCount(on ? 1 : 0)
            .setSelectedRecord(List.of()).setEstimateTime(0L).setWorkerId(annotation.getWorkerID()).build());
      }
      long start = 1_767_225_600_000L + pageNo * 100_000L;
      PageRecord page = PageRecord.newBuilder().setAnnotationId(annotation.getId()).setPageId("p" + pageNo)
          .setPageNo(pageNo).setHitDatasetName("study").setImageNetHitId("hit-1").setWorkerId(annotation.getWorkerID())
          .setVersion("POINTER_ORIGINAL").setStartedAt(start).setEndedAt(start + seconds * 1000)
          .setStatus(PageStatus.SUBMITTED).setEventCount(10).setImages(images).build();
      PageItems.itemsOf(page).forEach(item -> dynamo.putItem(b -> b.tableName(tables.names().page()).item(item)));
    }
  }

  @Test
  void review_rejectsOnStoredFacts_andAForgedAnnotationDecidesNothing() throws Exception {
    Path surveyKey = Files.writeString(dir.resolve("survey-code-key"), CsvReviewTest.KEY);
    Path workerKey = Files.writeString(dir.resolve("worker-id-key"), WORKER_KEY);
    Path results = CsvReviewTest.batchResults(dir,
        CsvReviewTest.row("3HIT1", "3ASG1", "A1HONEST", "Submitted", CsvReviewTest.CODES.code("3HIT1", "A1HONEST", "3ASG1")),
        CsvReviewTest.row("3HIT1", "3ASG2", "A2SCRIPT", "Submitted", CsvReviewTest.CODES.code("3HIT1", "A2SCRIPT", "3ASG2")),
        CsvReviewTest.row("3HIT2", "3ASG3", "A3HONEST", "Submitted", CsvReviewTest.CODES.code("3HIT2", "A3HONEST", "3ASG3")),
        CsvReviewTest.row("3HIT2", "3ASG4", "A4NOWORK", "Submitted", CsvReviewTest.CODES.code("3HIT2", "A4NOWORK", "3ASG4")));
    Path upload = dir.resolve("upload.csv");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = HitTool.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    int code = cli.execute("review", "--results", results.toString(), "--out", upload.toString(),
        "--key-file", surveyKey.toString(), "--worker-id-key-file", workerKey.toString(),
        "--dynamo-endpoint", server.endpoint());

    assertThat(code).as(out + "\n" + err).isZero();
    assertThat(out.toString()).contains("review: 4 assignment(s)", "    2  approve",
        "    1  reject: selects-negative-controls + too-fast + all-or-none-selected + selected-without-pointing",
        "    1  reject: no-stored-work").doesNotContain("A1HONEST", "A2SCRIPT");
    List<List<String>> rows = CsvReviewTest.readCsv(upload);
    int approve = CsvReviewTest.HEADER.indexOf("Approve");
    assertThat(rows.get(1).subList(approve, approve + 2)).containsExactly("x", "");
    assertThat(rows.get(2).get(approve)).isEmpty();
    assertThat(rows.get(2).get(approve + 1)).contains("You selected 2 of the 2 images we know do not show the class.",
        "Your pages took 2.0 seconds each (median)", "On 2 of your 2 pages you selected every image or none.",
        "12 of the 12 images you selected were never under your pointer.");
    // the forged annotation claiming 3ASG3 did not get the honest worker rejected
    assertThat(rows.get(3).subList(approve, approve + 2)).containsExactly("x", "");
    // and good-looking pages stored under a forged annotation are not the worker's work
    assertThat(rows.get(4).subList(approve, approve + 2)).containsExactly("", "None of your pages reached our server.");
  }

  @Test
  void storedFlags_withoutTheWorkerIdKey_isAClearError() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("BYPRODUCT_WORKER_ID_KEY") == null);
    Path surveyKey = Files.writeString(dir.resolve("survey-code-key"), CsvReviewTest.KEY);
    Path results = CsvReviewTest.batchResults(dir, CsvReviewTest.row("3HIT1", "3ASG1", "A1HONEST", "Submitted", "x"));
    StringWriter err = new StringWriter();
    CommandLine cli = HitTool.newCommandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    int code = cli.execute("review", "--results", results.toString(), "--out", dir.resolve("u.csv").toString(),
        "--key-file", surveyKey.toString(), "--dynamo-endpoint", server.endpoint());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--flags stored needs the worker-id key");
  }
}
