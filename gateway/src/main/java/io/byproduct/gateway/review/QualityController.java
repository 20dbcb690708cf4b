package io.byproduct.gateway.review;

import io.byproduct.gateway.api.ApiErrors;
import io.byproduct.gateway.api.BadRequest;
import io.byproduct.gateway.api.Blocking;
import io.byproduct.platform.quality.QualityItems.Kind;
import io.byproduct.platform.quality.QualityReader;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The live quality, read-only, for requesters (the review bearer token): what the stream
 * processor's quality topology computed and the page assembler stored in {@code ImageNetQuality}.
 *
 * <ul>
 *   <li>{@code GET /api/quality/{dataset}/images?limit=&after=}: selection frequency per (image, class)
 *   <li>{@code GET /api/quality/{dataset}/workers?limit=&after=}: scores and flags per worker
 *   <li>{@code GET /api/quality/{dataset}/assignments/{annotationId}/flags}: one assignment's scores and flags
 * </ul>
 * A listing answers {@code {"records": [...], "next": "<id to pass as after>" | null}}, in id order.
 */
@RestController
class QualityController {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  static final int MAX_ID_LENGTH = 512;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ReviewAccess access;
  private final QualityReader reader;

  QualityController(ReviewAccess access, QualityReader reader) {
    this.access = access;
    this.reader = reader;
  }

  @GetMapping(path = "/api/quality/{dataset}/images", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Object>> images(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth,
      @PathVariable String dataset, @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String after) {
    return list(auth, Kind.IMAGE, dataset, limit, after);
  }

  @GetMapping(path = "/api/quality/{dataset}/workers", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Object>> workers(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth,
      @PathVariable String dataset, @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String after) {
    return list(auth, Kind.WORKER, dataset, limit, after);
  }

  @GetMapping(path = "/api/quality/{dataset}/assignments/{annotationId}/flags", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Object>> assignment(
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth,
      @PathVariable String dataset, @PathVariable String annotationId) {
    Optional<ResponseEntity<Object>> refused = access.refusal(auth);
    if (refused.isPresent()) {
      return Mono.just(refused.get());
    }
    return Blocking.answer(() -> {
      Optional<String> found = reader.find(Kind.ASSIGNMENT, id("dataset", dataset), id("annotationId", annotationId));
      return found.<ResponseEntity<Object>>map(json -> ResponseEntity.ok(JSON.readTree(json)))
          .orElseGet(() -> ApiErrors.notFound("no quality record of assignment '" + annotationId + "' in dataset '"
              + dataset + "' (yet: it appears after its first submitted page is processed)"));
    });
  }

  private Mono<ResponseEntity<Object>> list(String auth, Kind kind, String dataset, Integer limit, String after) {
    Optional<ResponseEntity<Object>> refused = access.refusal(auth);
    if (refused.isPresent()) {
      return Mono.just(refused.get());
    }
    return Blocking.answer(() -> {
      int n = limit == null ? DEFAULT_LIMIT : limit;
      if (n < 1 || n > MAX_LIMIT) {
        throw new BadRequest("limit must be 1.." + MAX_LIMIT + ", was " + n);
      }
      QualityReader.Listing listing = reader.list(kind, id("dataset", dataset),
          after == null ? null : id("after", after), n);
      ObjectNode body = JSON.createObjectNode();
      ArrayNode records = body.putArray("records");
      for (String record : listing.records()) {
        records.add(JSON.readTree(record));
      }
      body.put("next", listing.next());
      return ResponseEntity.ok(body);
    });
  }

  private static String id(String name, String value) {
    if (value.isEmpty() || value.length() > MAX_ID_LENGTH) {
      throw new BadRequest(name + " must be 1.." + MAX_ID_LENGTH + " characters");
    }
    return value;
  }
}
