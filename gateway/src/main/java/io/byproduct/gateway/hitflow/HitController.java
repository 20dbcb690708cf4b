package io.byproduct.gateway.hitflow;

import io.byproduct.gateway.api.ApiErrors;
import io.byproduct.gateway.api.Blocking;
import io.byproduct.platform.hits.HitStore;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The seed's HIT fetch: {@code GET /api/imagenet/{hitDatasetName}/hits/{imageNetHitID}}. */
@RestController
class HitController {

  private final HitStore hits;

  HitController(HitStore hits) {
    this.hits = hits;
  }

  @GetMapping(path = "/api/imagenet/{hitDatasetName}/hits/{imageNetHitId}", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Object>> hit(@PathVariable String hitDatasetName, @PathVariable String imageNetHitId) {
    return Blocking.call(() -> hits.findJson(hitDatasetName, imageNetHitId))
        .map(found -> found
            .<ResponseEntity<Object>>map(json -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json))
            .orElseGet(() -> ApiErrors.unknownHit(hitDatasetName, imageNetHitId)));
  }
}
