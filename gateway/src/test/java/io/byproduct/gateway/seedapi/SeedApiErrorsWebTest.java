package io.byproduct.gateway.seedapi;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.byproduct.gateway.WebSlices;
import io.byproduct.gateway.binding.BindingRefusals;
import io.byproduct.gateway.binding.StoredAnnotations;
import io.byproduct.platform.catalog.CatalogImage;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.workers.AssignmentBinding;
import io.byproduct.platform.workers.WorkerPseudonyms;
import io.byproduct.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The error paths of the original front end's API (compatibility mode) as a slice: the controllers
 * with WebFlux, the stores and Kafka as doubles. Every refusal answers {@code {"error": …}} with its
 * status: 400 naming the field, 404, 403, the 409s of the ownership and page checks, and 503 when
 * Kafka did not take the events or the page assembler did not store a create in time.
 */
@Import(WebSlices.class)
@WebFluxTest(controllers = {SeedWritesController.class, SeedSearchController.class, SandboxController.class},
    properties = {"byproduct.gateway.seed-api.enabled=true", "byproduct.gateway.seed-api.store-wait=300ms",
        "byproduct.gateway.seed-api.done-wait=300ms", WebSlices.WORKER_ID_KEY, WebSlices.SURVEY_CODE_KEY})
class SeedApiErrorsWebTest extends SeedApiDoubles {

  private static final String KEY = WebSlices.WORKER_ID_KEY_VALUE;
  private static final WorkerPseudonyms PSEUDONYMS = new WorkerPseudonyms(KEY);
  private static final AssignmentBinding BINDING = new AssignmentBinding(KEY);
  private static final String HIT = "{\"id\":\"hit-1\",\"pages\":[{\"pageno\":1},{\"pageno\":2}]}";
  private static final String CREATE = "{\"id\":\"a-1\",\"version\":\"POINTER_ORIGINAL\",\"assignmentID\":\"ASG\","
      + "\"hitID\":\"MT\",\"workerID\":\"W1\",\"startedAt\":1796304416118}";

  @TestConfiguration
  @EnableConfigurationProperties(SeedApiProperties.class)
  static class RealParts {
    static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

    @Bean
    WorkerPseudonyms pseudonyms() {
      return PSEUDONYMS;
    }

    @Bean
    AssignmentBinding binding() {
      return BINDING;
    }

    @Bean
    BindingRefusals refusals() {
      return new BindingRefusals(METERS);
    }

    @Bean
    Topics topics() {
      return Topics.defaults();
    }
  }

  @Autowired
  private WebTestClient client;

  @BeforeEach
  void knownHit() {
    when(hits.findJson("open", "hit-1")).thenReturn(Optional.of(HIT));
    when(hits.findJson(anyString(), eq("nope"))).thenReturn(Optional.empty());
    when(stored.hit("open", "hit-1")).thenReturn(Optional.of(new StoredAnnotations.Hit(List.of(1, 2), false)));
    when(publisher.publish(any())).thenReturn(CompletableFuture.completedFuture(null));
  }

  private static StoredAnnotations.Annotation annotation(String id, String dataset, String hit, String rawWorker) {
    return new StoredAnnotations.Annotation(id, dataset, hit, PSEUDONYMS.pseudonymise(rawWorker), "ASG", "MT",
        "POINTER_ORIGINAL");
  }

  private WebTestClient.ResponseSpec create(String dataset, String hit, String body) {
    return client.post().uri("/api/imagenet/" + dataset + "/hits/" + hit + "/annotations")
        .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  private WebTestClient.ResponseSpec put(String id, String body) {
    return client.put().uri("/api/imagenet/open/annotations/" + id).contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body).exchange();
  }

  private static String page(int pageNo, boolean isDone) {
    return "{\"page\":{\"id\":\"p\",\"pageno\":" + pageNo + ",\"startedAt\":1796304416118,\"endedAt\":1796304424264,"
        + "\"annotations\":[]},"
        + "\"isDone\":" + isDone + "}";
  }

  // --- create ------------------------------------------------------------------------------------

  @Test
  void create_withABadBody_is400NamingTheField() {
    create("open", "hit-1", "{\"id\":\"a-1\"}").expectStatus().isBadRequest()
        .expectBody().jsonPath("$.error").isEqualTo("workerID: required, 1..256 characters without '|', control characters or malformed UTF-8");
    create("open", "hit-1", "[]").expectStatus().isBadRequest()
        .expectBody().jsonPath("$.error").isEqualTo("body: expected a JSON object");
  }

  @Test
  void create_onAnUnknownHit_is404() {
    create("open", "nope", CREATE).expectStatus().isNotFound()
        .expectBody().jsonPath("$.error").isEqualTo("no HIT 'nope' in dataset 'open'");
  }

  @Test
  void create_withAnotherWorkersStoredId_is409_andPublishesNothing() {
    when(stored.find("a-1")).thenReturn(Optional.of(annotation("a-1", "open", "hit-1", "SOMEONE_ELSE")));

    create("open", "hit-1", CREATE).expectStatus().isEqualTo(409)
        .expectBody().jsonPath("$.error").isEqualTo("annotation 'a-1' belongs to another worker");
    verify(publisher, never()).publish(any());
  }

  @Test
  void create_withAnIdOfAnotherHit_is409() {
    when(stored.find("a-1")).thenReturn(Optional.of(annotation("a-1", "open", "hit-2", "W1")));

    create("open", "hit-1", CREATE).expectStatus().isEqualTo(409)
        .expectBody().jsonPath("$.error").isEqualTo("annotation 'a-1' belongs to another HIT");
  }

  @Test
  void create_withTheIdOfOurPagesAnnotation_is409() {
    String pseudonym = PSEUDONYMS.pseudonymise("W1");
    String derived = BINDING.annotationId("open", "hit-1", pseudonym, "ASG", "MT");
    when(stored.find(derived)).thenReturn(Optional.of(annotation(derived, "open", "hit-1", "W1")));

    create("open", "hit-1", CREATE.replace("a-1", derived)).expectStatus().isEqualTo(409)
        .expectBody().jsonPath("$.error").isEqualTo("annotation '" + derived + "' belongs to another worker");
  }

  @Test
  void create_whenKafkaDoesNotTakeTheEvent_is503() {
    when(publisher.publish(any())).thenReturn(CompletableFuture.failedFuture(new TimeoutException("broker down")));

    create("open", "hit-1", CREATE).expectStatus().isEqualTo(503)
        .expectBody().jsonPath("$.error").isEqualTo("the events could not be written to Kafka; send the request again");
  }

  @Test
  void create_whenThePageAssemblerDoesNotStoreItInTime_is503() {
    when(stored.find("a-1")).thenReturn(Optional.empty());

    create("open", "hit-1", CREATE).expectStatus().isEqualTo(503)
        .expectBody().jsonPath("$.error").isEqualTo("taken, but not stored yet; send the request again (the same request again is harmless)");
  }

  // --- page PUT ----------------------------------------------------------------------------------

  @Test
  void put_withABadBody_is400NamingTheField() {
    put("a-1", "{\"page\":{\"pageno\":0}}").expectStatus().isBadRequest()
        .expectBody().jsonPath("$.error").isEqualTo("page.pageno: must be an integer 1..9999");
  }

  @Test
  void put_intoAnUnknownAnnotation_is404() {
    when(stored.find("a-1")).thenReturn(Optional.empty());

    put("a-1", page(1, false)).expectStatus().isNotFound()
        .expectBody().jsonPath("$.error").value(m -> org.assertj.core.api.Assertions.assertThat((String) m)
            .startsWith("no annotation 'a-1' in dataset 'open'; create it first"));
  }

  @Test
  void put_intoAnAnnotationOfOurPage_is403() {
    String derived = BINDING.annotationId("open", "hit-1", PSEUDONYMS.pseudonymise("W1"), "ASG", "MT");
    when(stored.find(derived)).thenReturn(Optional.of(annotation(derived, "open", "hit-1", "W1")));

    put(derived, page(1, false)).expectStatus().isForbidden()
        .expectBody().jsonPath("$.error").value(m -> org.assertj.core.api.Assertions.assertThat((String) m)
            .contains("is bound to an assignment"));
    verify(publisher, never()).publish(any());
  }

  @Test
  void put_ofAPageTheHitDoesNotHave_is400() {
    when(stored.find("a-1")).thenReturn(Optional.of(annotation("a-1", "open", "hit-1", "W1")));

    put("a-1", page(3, false)).expectStatus().isBadRequest()
        .expectBody().jsonPath("$.error").isEqualTo("page.pageno: HIT 'hit-1' has no page 3");
  }

  @Test
  void put_overAStoredPageWithOtherAnswers_is409() {
    when(stored.find("a-1")).thenReturn(Optional.of(annotation("a-1", "open", "hit-1", "W1")));
    when(stored.page("a-1", 1)).thenReturn(Optional.of(JsonMapper.builder().build().readTree(
        "{\"startedAt\":999,\"annotations\":[]}")));

    put("a-1", page(1, false)).expectStatus().isEqualTo(409)
        .expectBody().jsonPath("$.error").isEqualTo("page 1 of annotation 'a-1' is stored with other content; a stored"
            + " page is never replaced (the first version stored counts): load the page again to go on after it");
  }

  @Test
  void put_isDoneBeforeTheLastPage_orBeforeTheOtherPagesAreStored_is409() {
    when(stored.find("a-1")).thenReturn(Optional.of(annotation("a-1", "open", "hit-1", "W1")));
    when(stored.page(eq("a-1"), anyInt())).thenReturn(Optional.empty());
    when(stored.storedPages("a-1")).thenReturn(Set.of());

    put("a-1", page(1, true)).expectStatus().isEqualTo(409)
        .expectBody().jsonPath("$.error").isEqualTo("isDone: page 1 is not the HIT's last page (2); a HIT is done when"
            + " all its pages are stored");
    put("a-1", page(2, true)).expectStatus().isEqualTo(409)
        .expectBody().jsonPath("$.error").isEqualTo("isDone: pages [1] of annotation 'a-1' are not stored; send them first");
  }

  @Test
  void put_whenKafkaDoesNotTakeTheEvents_is503() {
    when(stored.find("a-1")).thenReturn(Optional.of(annotation("a-1", "open", "hit-1", "W1")));
    when(stored.page(eq("a-1"), anyInt())).thenReturn(Optional.empty());
    when(publisher.publish(any())).thenReturn(CompletableFuture.failedFuture(new TimeoutException("broker down")));

    put("a-1", page(1, false)).expectStatus().isEqualTo(503)
        .expectBody().jsonPath("$.error").isEqualTo("the events could not be written to Kafka; send the request again");
  }

  // --- search and sandbox ------------------------------------------------------------------------

  @Test
  void search_withoutAWorker_is400_andOnAnUnknownHit_404() {
    client.get().uri("/api/imagenet/open/hits/hit-1/annotations").exchange().expectStatus().isBadRequest()
        .expectBody().jsonPath("$.error").isEqualTo("workerID: required");
    client.get().uri("/api/imagenet/open/hits/nope/annotations?workerID=W1").exchange().expectStatus().isNotFound()
        .expectBody().jsonPath("$.error").isEqualTo("no HIT 'nope' in dataset 'open'");
  }

  private static final String SANDBOX = "{\"annotations\":[{\"imageID\":\"img-1\",\"selected\":true,\"selectedCount\":1,"
      + "\"hoveredCount\":0,\"mousePoint\":{\"x\":1,\"y\":1},\"imagePosition\":{\"x\":0,\"y\":0},\"imageWidth\":10,"
      + "\"imageHeight\":10,\"originalImageWidth\":10,\"originalImageHeight\":10,\"estimateTime\":0,"
      + "\"mouseTracking\":[],\"version\":\"POINTER_ORIGINAL\"}]}";

  @Test
  void sandbox_withABadBody_is400_andAnUnknownImage_404() {
    client.post().uri("/api/annotations").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"annotations\":[]}")
        .exchange().expectStatus().isBadRequest()
        .expectBody().jsonPath("$.error").isEqualTo("annotations: required, a non-empty array of per-image records");
    when(catalog.findImages(any())).thenReturn(Map.of());
    client.post().uri("/api/annotations").contentType(MediaType.APPLICATION_JSON).bodyValue(SANDBOX)
        .exchange().expectStatus().isNotFound()
        .expectBody().jsonPath("$.error").value(m -> org.assertj.core.api.Assertions.assertThat((String) m)
            .startsWith("annotations[0].imageID: no image 'img-1'"));
  }

  @Test
  void sandbox_whenKafkaDoesNotTakeTheSubmit_is503() {
    when(catalog.findImages(any())).thenReturn(Map.of("img-1", new CatalogImage("img-1", "u", "c1", Map.of())));
    when(sandboxProducer.send(any())).thenReturn(CompletableFuture.failedFuture(new TimeoutException("broker down")));

    client.post().uri("/api/annotations").contentType(MediaType.APPLICATION_JSON).bodyValue(SANDBOX)
        .exchange().expectStatus().isEqualTo(503)
        .expectBody().jsonPath("$.error").isEqualTo("the submit could not be written to Kafka; send it again");
  }
}
