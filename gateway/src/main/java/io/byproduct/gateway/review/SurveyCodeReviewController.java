package io.byproduct.gateway.review;

import io.byproduct.gateway.api.ApiErrors;
import io.byproduct.platform.workers.SurveyCodes;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
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

  private final ReviewAccess access;
  private final SurveyCodes codes;

  SurveyCodeReviewController(ReviewAccess access, SurveyCodes codes) {
    this.access = access;
    this.codes = codes;
  }

  @PostMapping(path = "/api/review/survey-codes/verify", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Object> verify(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth,
      @RequestBody(required = false) Verify body) {
    Optional<ResponseEntity<Object>> refused = access.refusal(auth);
    if (refused.isPresent()) {
      return refused.get();
    }
    if (body == null || body.workerId() == null || body.code() == null) {
      return ApiErrors.badRequest("workerId and code are required (hitId, assignmentId too)");
    }
    return ResponseEntity.ok(Map.of("valid", codes.verify(body.hitId(), body.workerId(), body.assignmentId(), body.code())));
  }
}
