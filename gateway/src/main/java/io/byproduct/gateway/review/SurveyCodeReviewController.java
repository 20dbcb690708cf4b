package io.byproduct.gateway.review;

import io.byproduct.gateway.api.ApiErrors;
import io.byproduct.platform.workers.SurveyCodes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/review/survey-codes/verify} with {@code {hitId, workerId, assignmentId, code}}:
 * whether the code a worker pasted into MTurk is that assignment's. For requesters only (bearer
 * token), since anyone could otherwise test guesses; {@code hit-tool verify-codes} does the same
 * offline for a whole results file.
 */
@RestController
class SurveyCodeReviewController {

  record Verify(String hitId, String workerId, String assignmentId, String code) {}

  private final ReviewProperties properties;
  private final SurveyCodes codes;

  SurveyCodeReviewController(ReviewProperties properties, SurveyCodes codes) {
    this.properties = properties;
    this.codes = codes;
  }

  @PostMapping(path = "/api/review/survey-codes/verify", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Object> verify(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth,
      @RequestBody(required = false) Verify body) {
    if (properties.token() == null || properties.token().isBlank()) {
      return ApiErrors.error(HttpStatus.SERVICE_UNAVAILABLE, "review endpoints are off: set byproduct.gateway.review.token");
    }
    if (!authorised(auth)) {
      return ApiErrors.unauthorized("a valid bearer token is required");
    }
    if (body == null || body.workerId() == null || body.code() == null) {
      return ApiErrors.badRequest("workerId and code are required (hitId, assignmentId too)");
    }
    return ResponseEntity.ok(Map.of("valid", codes.verify(body.hitId(), body.workerId(), body.assignmentId(), body.code())));
  }

  private boolean authorised(String header) {
    if (header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    return MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
        properties.token().getBytes(StandardCharsets.UTF_8));
  }
}
