package io.byproduct.gateway.review;

import io.byproduct.gateway.api.ApiErrors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The one check of the requesters' endpoints: the bearer token {@code byproduct.gateway.review.token},
 * compared in constant time. While no token is configured they answer 503.
 */
@Component
class ReviewAccess {

  private final ReviewProperties properties;

  ReviewAccess(ReviewProperties properties) {
    this.properties = properties;
  }

  /** The refusal to answer (503 off, 401 missing or wrong token), or empty when the caller may read. */
  Optional<ResponseEntity<Object>> refusal(String authorizationHeader) {
    String token = properties.token();
    if (token == null || token.isBlank()) {
      return Optional.of(ApiErrors.error(HttpStatus.SERVICE_UNAVAILABLE,
          "review endpoints are off: set byproduct.gateway.review.token"));
    }
    if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")
        || !MessageDigest.isEqual(authorizationHeader.substring(7).trim().getBytes(StandardCharsets.UTF_8),
            token.getBytes(StandardCharsets.UTF_8))) {
      return Optional.of(ApiErrors.unauthorized("a valid bearer token is required"));
    }
    return Optional.empty();
  }
}
