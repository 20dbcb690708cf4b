package io.byproduct.gateway.catalog;

import io.byproduct.platform.catalog.Catalog;
import io.byproduct.platform.catalog.CatalogClass;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The seed's catalog reads for its sandbox mode: {@code GET /api/classes} (every class, with
 * {@code annotationCount} per interface version) and {@code GET /api/classes/{classId}/images}
 * (the class's images, each with its own counts). The page then picks the least-annotated.
 */
@RestController
class ClassesController {

  private final Catalog catalog;

  ClassesController(Catalog catalog) {
    this.catalog = catalog;
  }

  @GetMapping(path = "/api/classes", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<List<CatalogClass>> classes() {
    return Mono.fromCallable(() -> catalog.classes().stream().sorted(Comparator.comparing(CatalogClass::id)).toList())
        .subscribeOn(Schedulers.boundedElastic());
  }

  @GetMapping(path = "/api/classes/{classId}/images", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Object>> images(@PathVariable String classId) {
    return Mono.fromCallable(() -> {
      if (catalog.findClass(classId).isEmpty()) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).<Object>body(Map.of("error", "no class '" + classId + "'"));
      }
      return ResponseEntity.<Object>ok(catalog.imagesOf(classId));
    }).subscribeOn(Schedulers.boundedElastic());
  }
}
