package io.byproduct.gateway.hitflow;

import static io.byproduct.gateway.binding.WorkerAnnotations.field;

import io.byproduct.gateway.api.ApiErrors;
import io.byproduct.gateway.api.Blocking;
import io.byproduct.gateway.binding.BindingRefusals;
import io.byproduct.gateway.binding.StoredAnnotations;
import io.byproduct.gateway.binding.WorkerAnnotations;
import io.byproduct.platform.workers.AssignmentBinding;
import io.byproduct.platform.workers.WorkerPseudonyms;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/imagenet/{ds}/hits/{hit}/assignment} with {@code {workerId, assignmentId, hitId}}
 * from MTurk's link: the page proves it holds the assignment and gets its annotation id (the stored
 * one of this worker and assignment, else the derived one of {@link AssignmentBinding}), the
 * capability, and how far the stored pages go. The same proof gives the same answer after a
 * reload. A unique HIT refuses a worker who finished another annotation of the dataset (403).
 */
@RestController
class AssignmentController {

  /** MTurk's assignment id while a HIT is only previewed. */
  static final String PREVIEW = "ASSIGNMENT_ID_NOT_AVAILABLE";
  static final String ONE_HIT_PER_WORKER =
      "You have already completed one of our HITs. We do not accept more than 1 HIT per worker.";
  private static final int MAX_ID_LENGTH = 256;

  record Proof(String workerId, String assignmentId, String hitId) {}

  private final WorkerAnnotations annotations;
  private final WorkerPseudonyms pseudonyms;
  private final AssignmentBinding binding;
  private final StoredAnnotations stored;
  private final BindingRefusals refusals;

  AssignmentController(WorkerAnnotations annotations, WorkerPseudonyms pseudonyms, AssignmentBinding binding,
      StoredAnnotations stored, BindingRefusals refusals) {
    this.refusals = refusals;
    this.annotations = annotations;
    this.pseudonyms = pseudonyms;
    this.binding = binding;
    this.stored = stored;
  }

  @PostMapping(path = "/api/imagenet/{hitDatasetName}/hits/{imageNetHitId}/assignment",
      produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Object>> assignment(@PathVariable String hitDatasetName, @PathVariable String imageNetHitId,
      @RequestBody(required = false) Proof proof) {
    String invalid = invalid(proof);
    if (invalid != null) {
      return Mono.just(ApiErrors.badRequest(invalid));
    }
    return Blocking.call(() -> {
      Optional<StoredAnnotations.Hit> hit = stored.hit(hitDatasetName, imageNetHitId);
      if (hit.isEmpty()) {
        return ApiErrors.unknownHit(hitDatasetName, imageNetHitId);
      }
      String pseudonym = pseudonyms.pseudonymise(proof.workerId());
      List<JsonNode> earlier = annotations.of(pseudonym, hitDatasetName);
      String annotationId = earlier.stream()
          .filter(a -> imageNetHitId.equals(field(a, "imageNetHitID")) && proof.assignmentId().equals(field(a, "assignmentID"))
              && Objects.equals(emptyToNull(proof.hitId()), field(a, "hitID")))
          .map(a -> field(a, "id")).findFirst()
          .orElseGet(() -> binding.annotationId(hitDatasetName, imageNetHitId, pseudonym, proof.assignmentId(),
              emptyToNull(proof.hitId())));
      if (hit.get().unique() && earlier.stream().anyMatch(a -> !annotationId.equals(field(a, "id")) && a.path("isDone").asBoolean(false))) {
        refusals.count(BindingRefusals.Reason.ONE_HIT_PER_WORKER);
        return ApiErrors.error(HttpStatus.FORBIDDEN, ONE_HIT_PER_WORKER, "one-hit-per-worker");
      }
      StoredAnnotations.Progress progress = new StoredAnnotations.Progress(hit.get().pages(), stored.storedPages(annotationId));
      return ResponseEntity.ok(Map.of(
          "annotationId", annotationId,
          "capability", binding.capability(annotationId, hitDatasetName, imageNetHitId, pseudonym, proof.assignmentId(),
              emptyToNull(proof.hitId())),
          "pageCount", progress.pagesInOrder(),
          "isDone", progress.complete()));
    });
  }

  private static String invalid(Proof proof) {
    if (proof == null) {
      return "body: required, {workerId, assignmentId, hitId}";
    }
    if (!validId(proof.workerId())) {
      return "workerId: required, 1.." + MAX_ID_LENGTH + " characters without '|'";
    }
    if (!validId(proof.assignmentId())) {
      return "assignmentId: required, 1.." + MAX_ID_LENGTH + " characters without '|'";
    }
    if (PREVIEW.equals(proof.assignmentId())) {
      return "assignmentId: the HIT is only previewed; accept it on MTurk first";
    }
    if (proof.hitId() != null && !proof.hitId().isEmpty() && !validId(proof.hitId())) {
      return "hitId: at most " + MAX_ID_LENGTH + " characters without '|'";
    }
    return null;
  }

  private static boolean validId(String id) {
    return id != null && !id.isBlank() && id.length() <= MAX_ID_LENGTH && !id.contains("|");
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
