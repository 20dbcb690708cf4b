package io.byproduct.gateway.api;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The error answers of the gateway's HTTP APIs (the seed's shape): {@code {"error": "<what is wrong>"}}. */
public final class ApiErrors {

  private ApiErrors() {}

  public static ResponseEntity<Object> error(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(Map.of("error", message));
  }

  /** An error with a machine-readable {@code code} beside the message. */
  public static ResponseEntity<Object> error(HttpStatus status, String message, String code) {
    return ResponseEntity.status(status).body(Map.of("error", message, "code", code));
  }

  /** 401 with {@code WWW-Authenticate: Bearer}: a bearer token is required and was missing or wrong. */
  public static ResponseEntity<Object> unauthorized(String message) {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .body(Map.of("error", message));
  }

  public static ResponseEntity<Object> badRequest(String message) {
    return error(HttpStatus.BAD_REQUEST, message);
  }

  public static ResponseEntity<Object> forbidden(String message) {
    return error(HttpStatus.FORBIDDEN, message);
  }

  public static ResponseEntity<Object> conflict(String message) {
    return error(HttpStatus.CONFLICT, message);
  }

  public static ResponseEntity<Object> notFound(String message) {
    return error(HttpStatus.NOT_FOUND, message);
  }

  public static ResponseEntity<Object> unknownHit(String hitDatasetName, String imageNetHitId) {
    return notFound("no HIT '" + imageNetHitId + "' in dataset '" + hitDatasetName + "'");
  }
}
