package io.byproduct.gateway.hitflow;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The error answers of the seed's API: {@code {"error": "<what is wrong>"}}. */
final class ApiErrors {

  private ApiErrors() {}

  static ResponseEntity<Object> badRequest(String message) {
    return ResponseEntity.badRequest().body(Map.of("error", message));
  }

  static ResponseEntity<Object> forbidden(String message) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", message));
  }

  static ResponseEntity<Object> unknownHit(String hitDatasetName, String imageNetHitId) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of(
        "error", "no HIT '" + imageNetHitId + "' in dataset '" + hitDatasetName + "'"));
  }
}
