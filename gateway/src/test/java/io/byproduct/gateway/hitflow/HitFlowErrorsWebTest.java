package io.byproduct.gateway.hitflow;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import io.byproduct.gateway.WebSlices;
import io.byproduct.gateway.binding.BindingRefusals;
import io.byproduct.gateway.binding.StoredAnnotations;
import io.byproduct.gateway.binding.WorkerAnnotations;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.workers.AssignmentBinding;
import io.byproduct.platform.workers.SurveyCodes;
import io.byproduct.platform.workers.WorkerPseudonyms;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The error paths of the HIT flow as a slice (the HIT fetch, the assignment, the version, the survey
 * code), the stores as doubles: 400 naming what is missing, 404 for an unknown HIT, 403 for a
 * capability or worker that does not own the annotation and for a second HIT of a unique dataset,
 * 409 before every page is stored.
 */
@Import(WebSlices.class)
@WebFluxTest(controllers = {HitController.class, AssignmentController.class, HitFlowController.class},
    properties = {WebSlices.WORKER_ID_KEY, WebSlices.SURVEY_CODE_KEY})
class HitFlowErrorsWebTest {

  private static final String KEY = WebSlices.WORKER_ID_KEY_VALUE;
  private static final WorkerPseudonyms PSEUDONYMS = new WorkerPseudonyms(KEY);
  private static final AssignmentBinding BINDING = new AssignmentBinding(KEY);
  private static final String PROOF = "{\"workerId\":\"W1\",\"assignmentId\":\"ASG\",\"hitId\":\"MT\"}";

  @TestConfiguration
  static class RealParts {
    @Bean
    WorkerPseudonyms pseudonyms() {
      return PSEUDONYMS;
    }

    @Bean
    AssignmentBinding binding() {
      return BINDING;
    }

    @Bean
    SurveyCodes surveyCodes() {
      return new SurveyCodes("slice-test-survey-code-key-0123");
    }

    /** Not finished is answered at once here; holding is {@code SurveyCodeWaitTest}'s. */
    @Bean
    SurveyCodeWait surveyCodeWait() {
      return new SurveyCodeWait(new SurveyCodeWaitProperties(java.time.Duration.ZERO, java.time.Duration.ofMillis(100), 0),
          new SimpleMeterRegistry());
    }

    @Bean
    BindingRefusals refusals() {
      return new BindingRefusals(new SimpleMeterRegistry());
    }
  }

  @Autowired
  private WebTestClient client;
  @MockitoBean
  private HitStore hits;
  @MockitoBean
  private StoredAnnotations stored;
  @MockitoBean
  private WorkerAnnotations workerAnnotations;

  private final String pseudonym = PSEUDONYMS.pseudonymise("W1");
  private final String annotationId = BINDING.annotationId("open", "hit-1", pseudonym, "ASG", "MT");
  private final String capability = BINDING.capability(annotationId, "open", "hit-1", pseudonym, "ASG", "MT");

  @BeforeEach
  void knownHit() {
    when(hits.findJson("open", "hit-1")).thenReturn(Optional.of("{\"id\":\"hit-1\",\"pages\":[{\"pageno\":1}]}"));
    when(hits.findJson(anyString(), eq("nope"))).thenReturn(Optional.empty());
    when(stored.hit("open", "hit-1")).thenReturn(Optional.of(new StoredAnnotations.Hit(List.of(1, 2), true)));
    when(stored.hit(anyString(), eq("nope"))).thenReturn(Optional.empty());
    when(workerAnnotations.of(anyString(), anyString())).thenReturn(List.of());
  }

  private WebTestClient.ResponseSpec surveyCode(String hit, String query, String capabilityHeader) {
    WebTestClient.RequestHeadersSpec<?> request = client.get().uri("/api/imagenet/open/hits/" + hit + "/survey-code" + query);
    if (capabilityHeader != null) {
      request = request.header(HitFlowController.CAPABILITY_HEADER, capabilityHeader);
    }
    return request.exchange();
  }

  @Test
  void hit_unknown_is404() {
    client.get().uri("/api/imagenet/open/hits/nope").exchange().expectStatus().isNotFound()
        .expectBody().jsonPath("$.error").isEqualTo("no HIT 'nope' in dataset 'open'");
  }

  @Test
  void assignment_withoutABody_is400_previewed_400_unknownHit_404() {
    client.post().uri("/api/imagenet/open/hits/hit-1/assignment").contentType(MediaType.APPLICATION_JSON).exchange()
        .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("body: required, {workerId, assignmentId, hitId}");
    client.post().uri("/api/imagenet/open/hits/hit-1/assignment").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(PROOF.replace("ASG", AssignmentController.PREVIEW)).exchange().expectStatus().isBadRequest()
        .expectBody().jsonPath("$.error").isEqualTo("assignmentId: the HIT is only previewed; accept it on MTurk first");
    client.post().uri("/api/imagenet/open/hits/nope/assignment").contentType(MediaType.APPLICATION_JSON).bodyValue(PROOF)
        .exchange().expectStatus().isNotFound().expectBody().jsonPath("$.error").isEqualTo("no HIT 'nope' in dataset 'open'");
  }

  @Test
  void assignment_onAUniqueHit_afterAnotherFinishedHit_is403WithItsCode() {
    when(workerAnnotations.of(pseudonym, "open")).thenReturn(List.of(JsonMapper.builder().build().readTree(
        "{\"id\":\"other\",\"imageNetHitID\":\"hit-2\",\"isDone\":true}")));

    client.post().uri("/api/imagenet/open/hits/hit-1/assignment").contentType(MediaType.APPLICATION_JSON).bodyValue(PROOF)
        .exchange().expectStatus().isForbidden().expectBody()
        .jsonPath("$.code").isEqualTo("one-hit-per-worker")
        .jsonPath("$.error").isEqualTo(AssignmentController.ONE_HIT_PER_WORKER);
  }

  @Test
  void version_withoutAWorker_is400_andOnAnUnknownHit_404() {
    client.get().uri("/api/imagenet/open/hits/hit-1/version").exchange().expectStatus().isBadRequest()
        .expectBody().jsonPath("$.error").isEqualTo("workerID: required");
    client.get().uri("/api/imagenet/open/hits/nope/version?workerID=W1").exchange().expectStatus().isNotFound();
  }

  @Test
  void surveyCode_withoutIds_is400_andWithoutACapability_403() {
    surveyCode("hit-1", "?workerID=W1", capability).expectStatus().isBadRequest()
        .expectBody().jsonPath("$.error").isEqualTo("annotationID and workerID: required");
    surveyCode("hit-1", "?annotationID=" + annotationId + "&workerID=W1", null).expectStatus().isForbidden()
        .expectBody().jsonPath("$.error").isEqualTo("X-Byproduct-Capability: required, the capability of the assignment");
  }

  @Test
  void surveyCode_ofAnUnstoredAnnotation_is409() {
    when(stored.find(annotationId)).thenReturn(Optional.empty());

    surveyCode("hit-1", "?annotationID=" + annotationId + "&workerID=W1", capability).expectStatus().isEqualTo(409)
        .expectBody().jsonPath("$.error").isEqualTo("no page of annotation '" + annotationId + "' is stored yet");
  }

  @Test
  void surveyCode_withAnotherCapabilityOrWorker_is403() {
    when(stored.find(annotationId)).thenReturn(Optional.of(new StoredAnnotations.Annotation(annotationId, "open", "hit-1",
        pseudonym, "ASG", "MT", "POINTER_ORIGINAL")));
    String forbidden = "this capability and worker do not own annotation '" + annotationId + "' of HIT 'hit-1'";

    surveyCode("hit-1", "?annotationID=" + annotationId + "&workerID=W1", "AAAAAAAAAAAAAAAAAAAAAA").expectStatus()
        .isForbidden().expectBody().jsonPath("$.error").isEqualTo(forbidden);
    surveyCode("hit-1", "?annotationID=" + annotationId + "&workerID=W2", capability).expectStatus().isForbidden();
  }

  @Test
  void surveyCode_beforeEveryPageIsStored_is409() {
    when(stored.find(annotationId)).thenReturn(Optional.of(new StoredAnnotations.Annotation(annotationId, "open", "hit-1",
        pseudonym, "ASG", "MT", "POINTER_ORIGINAL")));
    when(stored.storedPages(annotationId)).thenReturn(Set.of(1));   // hit-1 has pages 1 and 2 (setUp)

    surveyCode("hit-1", "?annotationID=" + annotationId + "&workerID=W1", capability).expectStatus().isEqualTo(409)
        .expectBody().jsonPath("$.error").isEqualTo("HIT 'hit-1' is not finished: 1 of its 2 pages are stored");
  }
}
