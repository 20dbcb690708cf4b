package io.byproduct.gateway.hitflow;

import io.byproduct.gateway.api.ApiErrors;
import io.byproduct.gateway.api.Blocking;
import io.byproduct.gateway.binding.BindingRefusals;
import io.byproduct.gateway.binding.BindingRefusals.Reason;
import io.byproduct.gateway.binding.StoredAnnotations;
import io.byproduct.gateway.binding.WorkerAnnotations;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.workers.AssignmentBinding;
import io.byproduct.platform.workers.SurveyCodes;
import io.byproduct.platform.workers.WorkerPseudonyms;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The reads of the HIT flow: the experiment group, and the survey code — given only to the holder of the annotation's capability,
 * only once every page of the HIT is stored, computed from the ids stored with the annotation.
 */
@RestController
class HitFlowController {

  /** The header that carries the assignment's capability (kept out of URLs and so out of access logs). */
  static final String CAPABILITY_HEADER = "X-Byproduct-Capability";

  private final HitStore hits;
  private final WorkerAnnotations annotations;
  private final WorkerPseudonyms pseudonyms;
  private final SurveyCodes surveyCodes;
  private final AssignmentBinding binding;
  private final StoredAnnotations stored;
  private final BindingRefusals refusals;
  private final SurveyCodeWait wait;

  HitFlowController(HitStore hits, WorkerAnnotations annotations, WorkerPseudonyms pseudonyms, SurveyCodes surveyCodes,
      AssignmentBinding binding, StoredAnnotations stored, BindingRefusals refusals, SurveyCodeWait wait) {
    this.refusals = refusals;
    this.wait = wait;
    this.hits = hits;
    this.annotations = annotations;
    this.pseudonyms = pseudonyms;
    this.surveyCodes = surveyCodes;
    this.binding = binding;
    this.stored = stored;
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
    return Blocking.call(() -> {
      if (hits.findJson(hitDatasetName, imageNetHitId).isEmpty()) {
        return ApiErrors.unknownHit(hitDatasetName, imageNetHitId);
      }
      String pseudonym = pseudonyms.pseudonymise(workerId);
      return answer.apply(pseudonym, annotations.of(pseudonym, hitDatasetName));
    });
  }

  /**
   * {@code GET .../survey-code?annotationID=&workerID=} with the capability in
   * {@value #CAPABILITY_HEADER}: 403 unless the capability is the stored annotation's and the raw
   * worker id is its owner's; 409 until every page of the HIT is stored; else the code of the
   * stored MTurk HIT id and assignment id (query parameters never choose them). A request that
   * would be answered 409 is held up to {@code survey-code-wait.max-wait} and answered as soon as
   * the pages are stored ({@link SurveyCodeWait}).
   */
  @GetMapping(path = "/api/imagenet/{hitDatasetName}/hits/{imageNetHitId}/survey-code", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Object>> surveyCode(@PathVariable String hitDatasetName, @PathVariable String imageNetHitId,
      @RequestParam(name = "annotationID", required = false) String annotationId,
      @RequestParam(name = "workerID", required = false) String workerId,
      @RequestHeader(name = CAPABILITY_HEADER, required = false) String capability) {
    if (annotationId == null || annotationId.isBlank() || workerId == null || workerId.isBlank()) {
      return Mono.just(ApiErrors.badRequest("annotationID and workerID: required"));
    }
    if (capability == null || capability.isBlank()) {
      refusals.count(Reason.NOT_OWNER);
      return Mono.just(ApiErrors.forbidden(CAPABILITY_HEADER + ": required, the capability of the assignment"));
    }
    Look look = new Look();
    return wait.answer(surveyCodeNow(hitDatasetName, imageNetHitId, annotationId, workerId, capability, look),
        () -> surveyCodeNow(hitDatasetName, imageNetHitId, annotationId, workerId, capability, look));
  }

  /**
   * What one survey-code request has found so far. The owner's annotation and its HIT's pages do not
   * change, so once they are found a held request's later looks read only the stored pages (one
   * query); refusals are counted on the first look only.
   */
  private static final class Look {
    volatile StoredAnnotations.Annotation annotation;
    volatile List<Integer> hitPages;
    volatile boolean first = true;
  }

  /** One look at the stored annotation and pages. */
  private Mono<ResponseEntity<Object>> surveyCodeNow(String hitDatasetName, String imageNetHitId, String annotationId,
      String workerId, String capability, Look look) {
    return Blocking.call(() -> {
      boolean counted = look.first;
      look.first = false;
      if (look.annotation == null) {
        var annotation = stored.find(annotationId);
        if (annotation.isEmpty()) {
          if (counted) {
            refusals.count(Reason.NOT_COMPLETE);
          }
          return notFinished("no page of annotation '" + annotationId + "' is stored yet");
        }
        StoredAnnotations.Annotation a = annotation.get();
        if (!hitDatasetName.equals(a.hitDatasetName()) || !imageNetHitId.equals(a.imageNetHitId())
            || !Objects.equals(pseudonyms.pseudonymise(workerId), a.workerPseudonym())
            || !binding.holds(capability, a.id(), a.hitDatasetName(), a.imageNetHitId(), a.workerPseudonym(),
                a.assignmentId(), a.hitId())) {
          refusals.count(Reason.NOT_OWNER);
          return ApiErrors.forbidden("this capability and worker do not own annotation '" + annotationId + "' of HIT '"
              + imageNetHitId + "'");
        }
        look.annotation = a;
      }
      if (look.hitPages == null) {
        var hit = stored.hit(hitDatasetName, imageNetHitId);
        if (hit.isEmpty()) {
          return ApiErrors.unknownHit(hitDatasetName, imageNetHitId);
        }
        look.hitPages = hit.get().pages();
      }
      var progress = new StoredAnnotations.Progress(look.hitPages, stored.storedPages(annotationId));
      if (!progress.complete()) {
        if (counted) {
          refusals.count(Reason.NOT_COMPLETE);
        }
        return notFinished("HIT '" + imageNetHitId + "' is not finished: " + progress.stored().size() + " of its "
            + progress.hitPages().size() + " pages are stored");
      }
      StoredAnnotations.Annotation a = look.annotation;
      return ResponseEntity.ok(Map.of("surveyCode", surveyCodes.code(a.hitId(), workerId, a.assignmentId())));
    });
  }

  private static ResponseEntity<Object> notFinished(String message) {
    return ApiErrors.conflict(message);
  }
}
