package io.byproduct.gateway.hitflow;

import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.workers.SurveyCodes;
import io.byproduct.platform.workers.WorkerPseudonyms;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * The reads of the HIT flow: a worker's earlier annotations in the dataset (resume at
 * {@code pageCount + 1}, one HIT per worker when the HIT is unique) and the survey code, which is
 * given only once the worker's annotation of this HIT is done.
 */
@RestController
class HitFlowController {

  private final HitStore hits;
  private final WorkerAnnotations annotations;
  private final WorkerPseudonyms pseudonyms;
  private final SurveyCodes surveyCodes;

  HitFlowController(HitStore hits, WorkerAnnotations annotations, WorkerPseudonyms pseudonyms, SurveyCodes surveyCodes) {
    this.hits = hits;
    this.annotations = annotations;
    this.pseudonyms = pseudonyms;
    this.surveyCodes = surveyCodes;
  }

  @GetMapping(path = "/api/imagenet/{hitDatasetName}/hits/{imageNetHitId}/annotations", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Object>> search(@PathVariable String hitDatasetName, @PathVariable String imageNetHitId,
      @RequestParam(name = "workerID", required = false) String workerId) {
    return forWorkerOnKnownHit(hitDatasetName, imageNetHitId, workerId,
        (pseudonym, found) -> ResponseEntity.ok(found));
  }

  /**
   * The worker's interface version when the HIT's link says {@code version=RANDOM}; see
   * {@link ExperimentGroups}. The page then streams with it, so it is recorded with the annotation.
   */
  @GetMapping(path = "/api/imagenet/{hitDatasetName}/hits/{imageNetHitId}/version", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Object>> version(@PathVariable String hitDatasetName, @PathVariable String imageNetHitId,
      @RequestParam(name = "workerID", required = false) String workerId) {
    return forWorkerOnKnownHit(hitDatasetName, imageNetHitId, workerId,
        (pseudonym, found) -> ResponseEntity.ok(Map.of("version", ExperimentGroups.versionFor(pseudonym, found).name())));
  }

  /** Answers 400 without a worker, 404 for an unknown HIT, else {@code answer} of the worker's annotations in the dataset. */
  private Mono<ResponseEntity<Object>> forWorkerOnKnownHit(String hitDatasetName, String imageNetHitId, String workerId,
      java.util.function.BiFunction<String, List<JsonNode>, ResponseEntity<Object>> answer) {
    if (workerId == null || workerId.isBlank()) {
      return Mono.just(ApiErrors.badRequest("workerID: required"));
    }
    return blocking(() -> {
      if (hits.findJson(hitDatasetName, imageNetHitId).isEmpty()) {
        return ApiErrors.unknownHit(hitDatasetName, imageNetHitId);
      }
      String pseudonym = pseudonyms.pseudonymise(workerId);
      return answer.apply(pseudonym, annotations.of(pseudonym, hitDatasetName));
    });
  }

  @GetMapping(path = "/api/imagenet/{hitDatasetName}/hits/{imageNetHitId}/survey-code", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Object>> surveyCode(@PathVariable String hitDatasetName, @PathVariable String imageNetHitId,
      @RequestParam(name = "workerID", required = false) String workerId,
      @RequestParam(name = "assignmentID", required = false) String assignmentId,
      @RequestParam(name = "hitID", required = false) String hitId) {
    if (workerId == null || workerId.isBlank()) {
      return Mono.just(ApiErrors.badRequest("workerID: required"));
    }
    return blocking(() -> {
      boolean done = annotations.of(pseudonyms.pseudonymise(workerId), hitDatasetName).stream()
          .anyMatch(a -> imageNetHitId.equals(text(a, "imageNetHitID")) && a.path("isDone").asBoolean(false));
      if (!done) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of(
            "error", "this worker has not finished HIT '" + imageNetHitId + "' yet"));
      }
      return ResponseEntity.ok(Map.of("surveyCode", surveyCodes.code(hitId, workerId, assignmentId)));
    });
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  private static Mono<ResponseEntity<Object>> blocking(java.util.concurrent.Callable<ResponseEntity<Object>> call) {
    return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
  }
}
