package io.byproduct.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.workers.SurveyCodes;
import io.byproduct.platform.workers.WorkerPseudonyms;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The HIT flow's reads (annotation search, survey code) on a real DynamoDB server. */
class HitFlowIT {

  private static final String KEY = "hit-flow-test-key-0123456789abcdef";
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
        "--byproduct.gateway.review.token=requester-token");
    client = WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + ((WebServerApplicationContext) gateway).getWebServer().getPort()).build();
    HitStore hits = gateway.getBean(HitStore.class);
    hits.put("{\"hitDatasetName\":\"study\",\"id\":\"hit-1\",\"isUnique\":true,\"pages\":[]}");
    hits.put("{\"hitDatasetName\":\"study\",\"id\":\"hit-2\",\"isUnique\":true,\"pages\":[]}");
  }

  @AfterAll
  static void stop() {
    gateway.close();
    dynamo.close();
    kafka.close();
  }

  /** Stores an annotation the way the page assembler does. */
  private static void storeAnnotation(String id, String rawWorker, String hit, int pageCount, boolean done) {
    gateway.getBean(DynamoDbClient.class).putItem(b -> b.tableName("ImageNetAnnotation").item(Map.of(
        "id", AttributeValue.fromS(id), "hitDatasetName", AttributeValue.fromS("study"),
        "imageNetHitID", AttributeValue.fromS(hit), "annotatorID", AttributeValue.fromS(""),
        "workerID", AttributeValue.fromS(new WorkerPseudonyms(KEY).pseudonymise(rawWorker)),
        "version", AttributeValue.fromS("POINTER_ORIGINAL"), "createdAt", AttributeValue.fromN("1"),
        "pageCount", AttributeValue.fromN(String.valueOf(pageCount)), "isDone", AttributeValue.fromBool(done))));
  }

  @Test
  void search_answersTheWorkersAnnotationsInTheDataset_withPageCountAndIsDone() {
    storeAnnotation("ann-a", "WORKER_A", "hit-1", 3, false);
    storeAnnotation("ann-b", "WORKER_A", "hit-2", 10, true);
    storeAnnotation("ann-c", "WORKER_B", "hit-1", 1, false);

    client.get().uri("/api/imagenet/study/hits/hit-1/annotations?workerID=WORKER_A").exchange()
        .expectStatus().isOk()
        .expectBody()
        .jsonPath("$.length()").isEqualTo(2)
        .jsonPath("$[?(@.id == 'ann-a')].pageCount").isEqualTo(3)
        .jsonPath("$[?(@.id == 'ann-a')].imageNetHitID").isEqualTo("hit-1")
        .jsonPath("$[?(@.id == 'ann-b')].isDone").isEqualTo(true);
  }

  @Test
  void search_withoutWorker_is400_andUnknownHit_is404() {
    client.get().uri("/api/imagenet/study/hits/hit-1/annotations").exchange()
        .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("workerID: required");
    client.get().uri("/api/imagenet/study/hits/nope/annotations?workerID=W").exchange()
        .expectStatus().isNotFound().expectBody().jsonPath("$.error").isEqualTo("no HIT 'nope' in dataset 'study'");
  }

  @Test
  void surveyCode_isGivenOnlyForAFinishedHit_andIsTheKeyedCodeOfTheAssignment() {
    storeAnnotation("ann-d", "WORKER_D", "hit-1", 2, false);
    String uri = "/api/imagenet/study/hits/hit-1/survey-code?workerID=WORKER_D&assignmentID=ASSIGN_D&hitID=MTURK_1";

    client.get().uri(uri).exchange().expectStatus().isEqualTo(409)
        .expectBody().jsonPath("$.error").isEqualTo("this worker has not finished HIT 'hit-1' yet");

    storeAnnotation("ann-d", "WORKER_D", "hit-1", 3, true);

    String expected = new SurveyCodes(KEY).code("MTURK_1", "WORKER_D", "ASSIGN_D");
    client.get().uri(uri).exchange().expectStatus().isOk()
        .expectBody().jsonPath("$.surveyCode").isEqualTo(expected);
    assertThat(expected).matches("[0-9A-F]{6}").isNotEqualTo("FFFFFF");
  }

  @Test
  void surveyCodeVerify_isForRequestersOnly_andTellsRealFromGuessed() {
    String real = new SurveyCodes(KEY).code("MTURK_1", "WORKER_D", "ASSIGN_D");
    String body = "{\"hitId\":\"MTURK_1\",\"workerId\":\"WORKER_D\",\"assignmentId\":\"ASSIGN_D\",\"code\":\"%s\"}";

    client.post().uri("/api/review/survey-codes/verify").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .bodyValue(body.formatted(real)).exchange().expectStatus().isUnauthorized();
    client.post().uri("/api/review/survey-codes/verify").header("Authorization", "Bearer wrong")
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .bodyValue(body.formatted(real)).exchange().expectStatus().isUnauthorized();
    client.post().uri("/api/review/survey-codes/verify").header("Authorization", "Bearer requester-token")
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .bodyValue(body.formatted(real.toLowerCase())).exchange().expectStatus().isOk()
        .expectBody().jsonPath("$.valid").isEqualTo(true);
    String guess = "000000".equals(real) ? "000001" : "000000";
    client.post().uri("/api/review/survey-codes/verify").header("Authorization", "Bearer requester-token")
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .bodyValue(body.formatted(guess)).exchange().expectStatus().isOk()
        .expectBody().jsonPath("$.valid").isEqualTo(false);
  }

  @Test
  void randomVersion_keepsAWorkersEarlierVersion_andIsStableForANewWorker() {
    storeAnnotation("ann-v", "WORKER_V", "hit-1", 1, false);   // stored as POINTER_ORIGINAL

    client.get().uri("/api/imagenet/study/hits/hit-2/version?workerID=WORKER_V").exchange()
        .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo("POINTER_ORIGINAL");
    byte[] first = client.get().uri("/api/imagenet/study/hits/hit-2/version?workerID=NEW_WORKER").exchange()
        .expectStatus().isOk().expectBody().returnResult().getResponseBody();
    client.get().uri("/api/imagenet/study/hits/hit-2/version?workerID=NEW_WORKER").exchange()
        .expectBody().json(new String(first, java.nio.charset.StandardCharsets.UTF_8));
    client.get().uri("/api/imagenet/study/hits/nope/version?workerID=W").exchange().expectStatus().isNotFound();
  }
}
