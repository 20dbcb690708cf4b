package io.byproduct.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.platform.annotations.AnnotationItems;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.pages.PageItems;
import io.byproduct.platform.workers.AssignmentBinding;
import io.byproduct.platform.workers.SurveyCodes;
import io.byproduct.platform.workers.WorkerPseudonyms;
import io.byproduct.schemas.record.AnnotationRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HIT flow on a real DynamoDB server: the assignment (capability), the survey code (completion
 * from stored pages, ids from the stored annotation, its own key), the original's search and
 * writes in compatibility mode. Each {@code attack_} test performs an attack of issue 20.
 */
class HitFlowIT {

  private static final String KEY = "hit-flow-test-key-0123456789abcdef";
  private static final String SURVEY_KEY = "hit-flow-survey-code-key-0123456789";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** A plausible client time (the seed API refuses times before 2000). */
  private static final long T0 = 1_796_304_416_118L;
  private static final WorkerPseudonyms PSEUDONYMS = new WorkerPseudonyms(KEY);
  private static final AssignmentBinding BINDING = new AssignmentBinding(KEY);
  private static final String TWO_PAGES = "[{\"pageno\":1,\"class\":{\"id\":\"c1\"},\"images\":[]},"
      + "{\"pageno\":2,\"class\":{\"id\":\"c2\"},\"images\":[]}]";
  private static LocalKafka kafka;
  private static LocalDynamo dynamo;
  private static ConfigurableApplicationContext gateway;
  private static WebTestClient client;

  @BeforeAll
  static void start() {
    kafka = LocalKafka.start();
    dynamo = LocalDynamo.start();
    gateway = GatewayApplication.builder().run(
        "--server.port=0",
        "--byproduct.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--byproduct.dynamo.endpoint=" + dynamo.endpoint(),
        "--byproduct.provisioning.create-missing=true",
        "--byproduct.gateway.worker-id-key=" + KEY,
        "--byproduct.gateway.survey-code-key=" + SURVEY_KEY,
        "--byproduct.gateway.seed-api.enabled=true",
        "--byproduct.gateway.seed-api.done-wait=1s",
        "--byproduct.gateway.seed-api.store-wait=3s",
        "--byproduct.gateway.review.token=requester-token",
        // an unfinished HIT's survey code is held this long before its 409 (default 5 s, the client's own timeout)
        "--byproduct.gateway.survey-code-wait.max-wait=1s");
    client = WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + ((WebServerApplicationContext) gateway).getWebServer().getPort()).build();
    HitStore hits = gateway.getBean(HitStore.class);
    hits.put("{\"hitDatasetName\":\"study\",\"id\":\"hit-1\",\"isUnique\":true,\"pages\":" + TWO_PAGES + "}");
    hits.put("{\"hitDatasetName\":\"study\",\"id\":\"hit-2\",\"isUnique\":true,\"pages\":" + TWO_PAGES + "}");
    hits.put("{\"hitDatasetName\":\"open\",\"id\":\"hit-1\",\"pages\":" + TWO_PAGES + "}");
  }

  @AfterAll
  static void stop() {
    gateway.close();
    dynamo.close();
    kafka.close();
  }

  // --- fixtures -----------------------------------------------------------------------------------

  /** A worker of our page: raw ids as in MTurk's link, and the derived annotation id. */
  private record Worker(String dataset, String hit, String raw, String assignment, String mturkHit) {
    static Worker fresh(String dataset, String hit) {
      String n = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
      return new Worker(dataset, hit, "W" + n, "ASG" + n, "MT" + n);
    }

    String pseudonym() {
      return PSEUDONYMS.pseudonymise(raw);
    }

    String annotationId() {
      return BINDING.annotationId(dataset, hit, pseudonym(), assignment, mturkHit);
    }

    String capability() {
      return BINDING.capability(annotationId(), dataset, hit, pseudonym(), assignment, mturkHit);
    }

    String proof() {
      return "{\"workerId\":\"" + raw + "\",\"assignmentId\":\"" + assignment + "\",\"hitId\":\"" + mturkHit + "\"}";
    }
  }

  /** Stores an annotation as the page assembler does, item made by the production code (its isDone is whatever the stream processor was told). */
  private static void storeAnnotation(String id, Worker w, boolean isDone) {
    AnnotationRecord annotation = AnnotationRecord.newBuilder().setId(id).setHitDatasetName(w.dataset())
        .setImageNetHitID(w.hit()).setAnnotatorID("").setWorkerID(w.pseudonym()).setAssignmentID(w.assignment())
        .setHitID(w.mturkHit()).setVersion("POINTER_ORIGINAL").setCreatedAt(1).setPageCount(0).setIsDone(isDone).build();
    gateway.getBean(DynamoDbClient.class).putItem(b -> b.tableName("ImageNetAnnotation").item(AnnotationItems.itemOf(annotation)));
  }

  /** Stores the annotation as the page assembler would, shortly after a create started waiting for it. */
  private static CompletableFuture<Void> storeAnnotationSoon(String id, Worker w) {
    return CompletableFuture.runAsync(() -> storeAnnotation(id, w, false),
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
  }

  /** Stores a page (no images) the way the page assembler does. */
  private static void storePage(String annotationId, int pageNo, long startedAt) {
    PageRecord page = PageRecord.newBuilder().setAnnotationId(annotationId).setPageId("page-" + pageNo).setPageNo(pageNo)
        .setStartedAt(startedAt).setEndedAt(startedAt + 1000).setStatus(PageStatus.SUBMITTED).setImages(List.of()).build();
    for (Map<String, AttributeValue> item : PageItems.itemsOf(page)) {
      gateway.getBean(DynamoDbClient.class).putItem(b -> b.tableName("ImageNetAnnotationPage").item(item));
    }
  }

  private static WebTestClient.ResponseSpec surveyCode(Worker w, String annotationId, String rawWorker, String capability,
      String extraQuery) {
    return client.get().uri("/api/imagenet/" + w.dataset() + "/hits/" + w.hit() + "/survey-code?annotationID=" + annotationId
        + "&workerID=" + rawWorker + extraQuery).header("X-Byproduct-Capability", capability).exchange();
  }

  /** How many requests the binding checks refused for this reason so far ({@code byproduct.binding.refused}). */
  private static double refused(String reason) {
    return gateway.getBean(io.micrometer.core.instrument.MeterRegistry.class).get("byproduct.binding.refused")
        .tag("reason", reason).counter().count();
  }

  private static String body(WebTestClient.ResponseSpec spec) {
    byte[] body = spec.expectBody().returnResult().getResponseBody();
    return body == null ? "" : new String(body, StandardCharsets.UTF_8);
  }

  // --- the assignment ------------------------------------------------------------------------------

  @Test
  void assignment_givesTheDerivedAnnotationAndItsCapability_theSameAfterAReload_withProgressFromStoredPages() {
    Worker w = Worker.fresh("open", "hit-1");
    client.post().uri("/api/imagenet/open/hits/hit-1/assignment").contentType(MediaType.APPLICATION_JSON).bodyValue(w.proof())
        .exchange().expectStatus().isOk().expectBody()
        .jsonPath("$.annotationId").isEqualTo(w.annotationId())
        .jsonPath("$.capability").isEqualTo(w.capability())
        .jsonPath("$.pageCount").isEqualTo(0)
        .jsonPath("$.isDone").isEqualTo(false);

    storePage(w.annotationId(), 1, 1000);
    client.post().uri("/api/imagenet/open/hits/hit-1/assignment").contentType(MediaType.APPLICATION_JSON).bodyValue(w.proof())
        .exchange().expectStatus().isOk().expectBody()
        .jsonPath("$.annotationId").isEqualTo(w.annotationId())
        .jsonPath("$.pageCount").isEqualTo(1)
        .jsonPath("$.isDone").isEqualTo(false);
  }

  @Test
  void assignment_withoutAnAcceptedAssignment_is400_andForAnUnknownHit_404() {
    client.post().uri("/api/imagenet/open/hits/hit-1/assignment").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"workerId\":\"W1\",\"hitId\":\"H\"}").exchange()
        .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("assignmentId: required, 1..256 characters without '|'");
    client.post().uri("/api/imagenet/open/hits/hit-1/assignment").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"workerId\":\"W1\",\"assignmentId\":\"ASSIGNMENT_ID_NOT_AVAILABLE\"}").exchange()
        .expectStatus().isBadRequest().expectBody().jsonPath("$.error")
        .isEqualTo("assignmentId: the HIT is only previewed; accept it on MTurk first");
    client.post().uri("/api/imagenet/open/hits/nope/assignment").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Worker.fresh("open", "nope").proof()).exchange().expectStatus().isNotFound();
  }

  @Test
  void assignment_onAUniqueHit_refusesAWorkerWhoFinishedAnotherHitOfTheDataset() {
    Worker first = Worker.fresh("study", "hit-1");
    storeAnnotation(first.annotationId(), first, true);
    Worker again = new Worker("study", "hit-2", first.raw(), "ASG-OTHER", "MT-OTHER");

    client.post().uri("/api/imagenet/study/hits/hit-2/assignment").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(again.proof()).exchange()
        .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("one-hit-per-worker");
  }

  // --- the survey code ----------------------------------------------------------------------------

  @Test
  void surveyCode_ofACompleteHit_isTheCodeOfTheStoredIds_underTheSurveyCodeKey() {
    Worker w = Worker.fresh("open", "hit-1");
    storeAnnotation(w.annotationId(), w, true);
    storePage(w.annotationId(), 1, 1000);
    storePage(w.annotationId(), 2, 2000);

    String code = JSON.readTree(body(surveyCode(w, w.annotationId(), w.raw(), w.capability(), "").expectStatus().isOk()))
        .get("surveyCode").asString();

    assertThat(code).isEqualTo(new SurveyCodes(SURVEY_KEY).code(w.mturkHit(), w.raw(), w.assignment()))
        .isNotEqualTo(new SurveyCodes(KEY).code(w.mturkHit(), w.raw(), w.assignment()));
  }

  /** Attack: a hello plus one frame with only a HIT-finished event (the annotation says isDone), then the code. */
  @Test
  void attack_finishedEventOnly_getsNoSurveyCode() {
    Worker w = Worker.fresh("open", "hit-1");
    storeAnnotation(w.annotationId(), w, true);
    double before = refused("not-complete");

    assertThat(body(surveyCode(w, w.annotationId(), w.raw(), w.capability(), "").expectStatus().isEqualTo(409)))
        .contains("HIT 'hit-1' is not finished: 0 of its 2 pages are stored");
    storePage(w.annotationId(), 1, 1000);
    surveyCode(w, w.annotationId(), w.raw(), w.capability(), "").expectStatus().isEqualTo(409);
    assertThat(refused("not-complete") - before).as("counted").isEqualTo(2);
  }

  /** Attack: a worker who finished one assignment asks for codes of other assignments and HITs. */
  @Test
  void attack_codesForAnotherAssignmentOrHit_areRefused() {
    Worker w = Worker.fresh("open", "hit-1");
    storeAnnotation(w.annotationId(), w, true);
    storePage(w.annotationId(), 1, 1000);
    storePage(w.annotationId(), 2, 2000);
    String real = new SurveyCodes(SURVEY_KEY).code(w.mturkHit(), w.raw(), w.assignment());
    double before = refused("not-owner");

    // the old query parameters choose nothing: the code is the stored assignment's
    assertThat(body(surveyCode(w, w.annotationId(), w.raw(), w.capability(), "&assignmentID=OTHER&hitID=OTHER")
        .expectStatus().isOk())).contains(real);
    // another assignment's capability, or one made up, for this finished annotation
    Worker other = new Worker("open", "hit-1", w.raw(), "ASG-OTHER", w.mturkHit());
    surveyCode(w, w.annotationId(), w.raw(), other.capability(), "").expectStatus().isForbidden();
    surveyCode(w, w.annotationId(), w.raw(), "AAAAAAAAAAAAAAAAAAAAAA", "").expectStatus().isForbidden();
    // another worker with the finished annotation's id and capability
    surveyCode(w, w.annotationId(), "WSOMEONEELSE", w.capability(), "").expectStatus().isForbidden();
    // the same annotation under another HIT's path
    client.get().uri("/api/imagenet/open/hits/hit-2/survey-code?annotationID=" + w.annotationId() + "&workerID=" + w.raw())
        .header("X-Byproduct-Capability", w.capability()).exchange().expectStatus().isForbidden();
    // no capability at all
    client.get().uri("/api/imagenet/open/hits/hit-1/survey-code?annotationID=" + w.annotationId() + "&workerID=" + w.raw())
        .exchange().expectStatus().isForbidden();
    assertThat(refused("not-owner") - before).as("counted").isEqualTo(5);
  }

  @Test
  void surveyCodeVerify_isForRequestersOnly_andTellsRealFromGuessed() {
    String real = new SurveyCodes(SURVEY_KEY).code("MTURK_1", "WORKER_D", "ASSIGN_D");
    String body = "{\"hitId\":\"MTURK_1\",\"workerId\":\"WORKER_D\",\"assignmentId\":\"ASSIGN_D\",\"code\":\"%s\"}";

    client.post().uri("/api/review/survey-codes/verify").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body.formatted(real)).exchange().expectStatus().isUnauthorized();
    client.post().uri("/api/review/survey-codes/verify").header("Authorization", "Bearer wrong")
        .contentType(MediaType.APPLICATION_JSON).bodyValue(body.formatted(real)).exchange().expectStatus().isUnauthorized();
    client.post().uri("/api/review/survey-codes/verify").header("Authorization", "Bearer requester-token")
        .contentType(MediaType.APPLICATION_JSON).bodyValue(body.formatted(real.toLowerCase())).exchange()
        .expectStatus().isOk().expectBody().jsonPath("$.valid").isEqualTo(true);
    String guess = "000000".equals(real) ? "000001" : "000000";
    client.post().uri("/api/review/survey-codes/verify").header("Authorization", "Bearer requester-token")
        .contentType(MediaType.APPLICATION_JSON).bodyValue(body.formatted(guess)).exchange()
        .expectStatus().isOk().expectBody().jsonPath("$.valid").isEqualTo(false);
  }

  // --- the original's search (compatibility mode) --------------------------------------------------

  /** Attack: look up another worker by their (semi-public) worker id. */
  @Test
  void attack_lookupByAnotherWorkersId_revealsNoAnnotationIdAssignmentOrPseudonym() {
    Worker victim = Worker.fresh("study", "hit-1");
    storeAnnotation(victim.annotationId(), victim, false);

    String answer = body(client.get().uri("/api/imagenet/study/hits/hit-1/annotations?workerID=" + victim.raw()).exchange()
        .expectStatus().isOk());

    JsonNode found = JSON.readTree(answer);
    assertThat(found.size()).isEqualTo(1);
    assertThat(found.get(0).get("imageNetHitID").asString()).isEqualTo("hit-1");
    assertThat(answer).doesNotContain(victim.annotationId()).doesNotContain(victim.assignment())
        .doesNotContain(victim.pseudonym()).doesNotContain(victim.mturkHit()).doesNotContain("\"id\"");
  }

  @Test
  void search_showsTheIdOfAnAnnotationTheOriginalCreated_forItsResume_butNoAssignmentOrPseudonym() {
    Worker w = Worker.fresh("study", "hit-2");
    String browserMade = UUID.randomUUID().toString();
    storeAnnotation(browserMade, w, false);

    String answer = body(client.get().uri("/api/imagenet/study/hits/hit-2/annotations?workerID=" + w.raw()).exchange()
        .expectStatus().isOk());

    assertThat(JSON.readTree(answer).get(0).get("id").asString()).isEqualTo(browserMade);
    assertThat(answer).doesNotContain(w.assignment()).doesNotContain(w.pseudonym()).doesNotContain(w.mturkHit());
  }

  @Test
  void search_withoutWorker_is400_andUnknownHit_is404() {
    client.get().uri("/api/imagenet/study/hits/hit-1/annotations").exchange()
        .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("workerID: required");
    client.get().uri("/api/imagenet/study/hits/nope/annotations?workerID=W").exchange()
        .expectStatus().isNotFound().expectBody().jsonPath("$.error").isEqualTo("no HIT 'nope' in dataset 'study'");
  }

  // --- the original's writes (compatibility mode) --------------------------------------------------

  private static String created(String id, Worker w) {
    return "{\"id\":\"" + id + "\",\"annotatorID\":\"\",\"version\":\"POINTER_ORIGINAL\",\"assignmentID\":\"" + w.assignment()
        + "\",\"hitID\":\"" + w.mturkHit() + "\",\"workerID\":\"" + w.raw() + "\",\"startedAt\":" + T0 + "}";
  }

  private static String pageWrite(int pageNo, long startedAt, String images, boolean isDone) {
    return "{\"page\":{\"id\":\"" + UUID.randomUUID() + "\",\"pageno\":" + pageNo + ",\"startedAt\":" + startedAt
        + ",\"endedAt\":" + (startedAt + 500) + ",\"annotations\":" + images + "},\"endedAt\":" + (startedAt + 500)
        + ",\"isDone\":" + isDone + "}";
  }

  private static WebTestClient.ResponseSpec put(String dataset, String id, String body) {
    return client.put().uri("/api/imagenet/" + dataset + "/annotations/" + id).contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body).exchange();
  }

  /** Attack: a seed-API PUT of page 1 with isDone: true, then the survey code. */
  @Test
  void attack_isDoneOnPage1ThroughTheSeedApi_isRefused_andGivesNoCode() {
    Worker w = Worker.fresh("open", "hit-1");
    String id = UUID.randomUUID().toString();
    CompletableFuture<Void> assembler = storeAnnotationSoon(id, w);
    client.post().uri("/api/imagenet/open/hits/hit-1/annotations").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(created(id, w)).exchange().expectStatus().isOk();
    assembler.join();

    assertThat(body(put("open", id, pageWrite(1, T0, "[]", true)).expectStatus().isEqualTo(409)))
        .contains("isDone: page 1 is not the HIT's last page (2)");
    assertThat(body(put("open", id, pageWrite(2, T0 + 2000, "[]", true)).expectStatus().isEqualTo(409)))
        .contains("isDone: pages [1] of annotation '" + id + "' are not stored");
    // even had the claim reached the annotation, the owner (who proves the assignment) gets no code: no page is stored
    storeAnnotation(id, w, true);
    String capability = JSON.readTree(body(client.post().uri("/api/imagenet/open/hits/hit-1/assignment")
        .contentType(MediaType.APPLICATION_JSON).bodyValue(w.proof()).exchange().expectStatus().isOk()))
        .get("capability").asString();
    assertThat(body(surveyCode(w, id, w.raw(), capability, "").expectStatus().isEqualTo(409))).contains("0 of its 2 pages");
  }

  /** Attack: another client PUTs other answers over a stored page of an annotation. */
  @Test
  void attack_seedPutOverAStoredPage_is409_andTheStoredPageStays() {
    Worker w = Worker.fresh("open", "hit-1");
    String id = UUID.randomUUID().toString();
    storeAnnotation(id, w, false);
    storePage(id, 1, T0);
    String overwrite = "[{\"imageID\":\"img-1\",\"selected\":true,\"selectedCount\":1,\"selectedRecord\":[{\"x\":0.5,\"y\":0.5,"
        + "\"time\":" + (T0 + 100) + "}],\"hoveredCount\":1,\"hoveredRecord\":[{\"action\":\"enter\",\"time\":" + (T0 + 50) + "}],\"imagePosition\":{\"x\":0,"
        + "\"y\":0},\"imageWidth\":340,\"imageHeight\":255,\"originalImageWidth\":500,\"originalImageHeight\":375,"
        + "\"estimateTime\":0,\"mouseTracking\":[]}]";
    double before = refused("page-stored");

    assertThat(body(put("open", id, pageWrite(1, T0, overwrite, false)).expectStatus().isEqualTo(409)))
        .contains("page 1 of annotation '" + id + "' is stored with other content; a stored page is never replaced");
    assertThat(refused("page-stored") - before).as("counted").isEqualTo(1);
    // the same answers again (the original re-sends after a failure) are a resend, not a conflict
    put("open", id, pageWrite(1, T0, "[]", false)).expectStatus().isOk();
    assertThat(gateway.getBean(io.byproduct.gateway.binding.StoredAnnotations.class).page(id, 1).orElseThrow()
        .get("annotations").size()).isZero();
  }

  @Test
  void seedWrites_neverTouchAnAnnotationOfOurPage_orAnotherWorkersId() {
    Worker w = Worker.fresh("open", "hit-1");
    storeAnnotation(w.annotationId(), w, false);

    assertThat(body(put("open", w.annotationId(), pageWrite(1, T0, "[]", false)).expectStatus().isForbidden()))
        .contains("is bound to an assignment");
    Worker attacker = Worker.fresh("open", "hit-1");
    client.post().uri("/api/imagenet/open/hits/hit-1/annotations").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(created(w.annotationId(), attacker)).exchange().expectStatus().isEqualTo(409)
        .expectBody().jsonPath("$.error").isEqualTo("annotation '" + w.annotationId() + "' belongs to another worker");
  }

  /** The gateway publishes a create and never writes ImageNetAnnotation (the page assembler owns it); unstored in time: 503. */
  @Test
  void create_publishesTheEventOnly_andIs503UntilTheAnnotationIsStored() {
    Worker w = Worker.fresh("open", "hit-1");
    String id = UUID.randomUUID().toString();

    assertThat(body(client.post().uri("/api/imagenet/open/hits/hit-1/annotations").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(created(id, w)).exchange().expectStatus().isEqualTo(503)))
        .contains("taken, but not stored yet; send the request again");
    GetItemResponse row = gateway.getBean(DynamoDbClient.class).getItem(b -> b.tableName("ImageNetAnnotation")
        .consistentRead(true).key(Map.of("id", AttributeValue.fromS(id))));
    assertThat(row.hasItem() && !row.item().isEmpty()).as("the gateway wrote no annotation").isFalse();
    // once the page assembler stored it, the resend is answered
    storeAnnotation(id, w, false);
    client.post().uri("/api/imagenet/open/hits/hit-1/annotations").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(created(id, w)).exchange().expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(id);
  }

  /**
   * Attack: a second worker creates with the id of a fresh annotation before it is stored. The stream
   * processor keeps the first create (the second is its duplicate), so the stored owner is the first
   * worker and the racer gets 409 like any later create.
   */
  @Test
  void attack_createRacingForAFreshIdBeforeItIsStored_is409() {
    Worker owner = Worker.fresh("open", "hit-1");
    Worker racer = Worker.fresh("open", "hit-1");
    String id = UUID.randomUUID().toString();
    double before = refused("not-owner");
    CompletableFuture<Void> assembler = storeAnnotationSoon(id, owner);

    client.post().uri("/api/imagenet/open/hits/hit-1/annotations").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(created(id, racer)).exchange().expectStatus().isEqualTo(409)
        .expectBody().jsonPath("$.error").isEqualTo("annotation '" + id + "' belongs to another worker");
    assembler.join();
    assertThat(refused("not-owner") - before).as("counted").isEqualTo(1);
  }

  // --- experiment groups --------------------------------------------------------------------------

  @Test
  void randomVersion_keepsAWorkersEarlierVersion_andIsStableForANewWorker() {
    Worker v = Worker.fresh("study", "hit-1");
    storeAnnotation(UUID.randomUUID().toString(), v, false);   // stored as POINTER_ORIGINAL

    client.get().uri("/api/imagenet/study/hits/hit-2/version?workerID=" + v.raw()).exchange()
        .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo("POINTER_ORIGINAL");
    byte[] first = client.get().uri("/api/imagenet/study/hits/hit-2/version?workerID=NEW_WORKER").exchange()
        .expectStatus().isOk().expectBody().returnResult().getResponseBody();
    client.get().uri("/api/imagenet/study/hits/hit-2/version?workerID=NEW_WORKER").exchange()
        .expectBody().json(new String(first, StandardCharsets.UTF_8));
    client.get().uri("/api/imagenet/study/hits/nope/version?workerID=W").exchange().expectStatus().isNotFound();
  }
}
