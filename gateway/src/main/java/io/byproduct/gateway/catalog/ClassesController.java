package io.byproduct.gateway.catalog;

import io.byproduct.gateway.api.ApiErrors;
import io.byproduct.gateway.api.Blocking;
import io.byproduct.platform.catalog.Catalog;
import io.byproduct.platform.catalog.CatalogClass;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

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
    return Blocking.call(() -> catalog.classes().stream().sorted(Comparator.comparing(CatalogClass::id)).toList());
  }

  @GetMapping(path = "/api/classes/{classId}/images", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Object>> images(@PathVariable String classId) {
    return Blocking.call(() -> {
      if (catalog.findClass(classId).isEmpty()) {
        return ApiErrors.notFound("no class '" + classId + "'");
      }
      return ResponseEntity.<Object>ok(catalog.imagesOf(classId));
    });
  }
}
