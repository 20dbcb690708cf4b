package io.byproduct.gateway.seedapi;

import static io.byproduct.gateway.binding.WorkerAnnotations.field;

import io.byproduct.gateway.api.ApiErrors;
import io.byproduct.gateway.api.Blocking;
import io.byproduct.gateway.binding.StoredAnnotations;
import io.byproduct.gateway.binding.WorkerAnnotations;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.workers.AssignmentBinding;
import io.byproduct.platform.workers.WorkerPseudonyms;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The original front end's search, {@code GET /api/imagenet/{ds}/hits/{hit}/annotations?workerID=}
 * (compatibility mode only). Its answer drives the original's resume, which needs the {@code id} of
 * an annotation it created itself (seed API); our page's annotations (derived ids, bound by a
 * capability) are listed without it. No assignment id, MTurk HIT id or pseudonym is ever answered.
 *
 * <p>{@code pageCount} and {@code isDone} are read from the stored pages (consistent reads), not from
 * the annotation's own item, which the page assembler writes apart from the pages: {@code pageCount}
 * is how many of the HIT's pages, from the first, are stored without a gap (the original resumes at
 * {@code pageCount + 1}); {@code isDone} whether every page is. So a page answered 200 is counted by
 * the next search (read-your-writes).
 */
@RestController
class SeedSearchController {

  /** The fields of a worker's annotation the search answers: no ids, no pseudonym. */
  private static final List<String> SEARCH_FIELDS = List.of("hitDatasetName", "imageNetHitID", "version", "createdAt",
      "pageCount", "isDone");

  private final HitStore hits;
  private final WorkerAnnotations annotations;
  private final WorkerPseudonyms pseudonyms;
  private final AssignmentBinding binding;
  private final SeedApiProperties seedApi;
  private final StoredAnnotations stored;

  SeedSearchController(HitStore hits, WorkerAnnotations annotations, WorkerPseudonyms pseudonyms,
      AssignmentBinding binding, SeedApiProperties seedApi, StoredAnnotations stored) {
    this.stored = stored;
    this.hits = hits;
    this.annotations = annotations;
    this.pseudonyms = pseudonyms;
    this.binding = binding;
    this.seedApi = seedApi;
  }

  @GetMapping(path = "/api/imagenet/{hitDatasetName}/hits/{imageNetHitId}/annotations", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Object>> search(@PathVariable String hitDatasetName, @PathVariable String imageNetHitId,
      @RequestParam(name = "workerID", required = false) String workerId) {
    if (!seedApi.enabled()) {
      return Mono.just(SeedApiProperties.off());
    }
    if (workerId == null || workerId.isBlank()) {
      return Mono.just(ApiErrors.badRequest("workerID: required"));
    }
    return Blocking.call(() -> {
      if (hits.findJson(hitDatasetName, imageNetHitId).isEmpty()) {
        return ApiErrors.unknownHit(hitDatasetName, imageNetHitId);
      }
      String pseudonym = pseudonyms.pseudonymise(workerId);
      List<Map<String, Object>> answer = new ArrayList<>();
      for (JsonNode annotation : annotations.of(pseudonym, hitDatasetName)) {
        answer.add(shown(annotation, pseudonym));
      }
      return ResponseEntity.ok(answer);
    });
  }

  private Map<String, Object> shown(JsonNode annotation, String pseudonym) {
    Map<String, Object> shown = new LinkedHashMap<>();
    String id = field(annotation, "id");
    if (!binding.isDerived(id, field(annotation, "hitDatasetName"), field(annotation, "imageNetHitID"), pseudonym,
        field(annotation, "assignmentID"), field(annotation, "hitID"))) {
      shown.put("id", id);
    }
    for (String name : SEARCH_FIELDS) {
      if (annotation.hasNonNull(name)) {
        shown.put(name, annotation.get(name));
      }
    }
    String dataset = field(annotation, "hitDatasetName");
    String hit = field(annotation, "imageNetHitID");
    if (id != null && dataset != null && hit != null) {
      stored.progress(dataset, hit, id).ifPresent(progress -> {
        shown.put("pageCount", progress.pagesInOrder());
        shown.put("isDone", progress.complete());
      });
    }
    return shown;
  }
}
