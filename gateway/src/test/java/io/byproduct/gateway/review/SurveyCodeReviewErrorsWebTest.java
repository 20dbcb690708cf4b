package io.byproduct.gateway.review;

import static org.mockito.Mockito.when;

import io.byproduct.gateway.WebSlices;
import io.byproduct.platform.workers.SurveyCodes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The review endpoint's error paths as a slice: 503 without a configured token, 401 without the token, 400 without ids. */
@Import({WebSlices.class, ReviewAccess.class})
@WebFluxTest(controllers = SurveyCodeReviewController.class,
    properties = {WebSlices.WORKER_ID_KEY, WebSlices.SURVEY_CODE_KEY})
class SurveyCodeReviewErrorsWebTest {

  private static final String VERIFY = "{\"hitId\":\"MT\",\"workerId\":\"W1\",\"assignmentId\":\"ASG\",\"code\":\"ABCDEF\"}";

  @Autowired
  private WebTestClient client;
  @MockitoBean
  private ReviewProperties review;
  @MockitoBean
  private SurveyCodes codes;

  private WebTestClient.ResponseSpec verify(String authorization, String body) {
    WebTestClient.RequestBodySpec request = client.post().uri("/api/review/survey-codes/verify")
        .contentType(MediaType.APPLICATION_JSON);
    if (authorization != null) {
      request = request.header("Authorization", authorization);
    }
    return request.bodyValue(body).exchange();
  }

  @Test
  void verify_withNoTokenConfigured_is503() {
    when(review.token()).thenReturn(null);

    verify("Bearer anything", VERIFY).expectStatus().isEqualTo(503)
        .expectBody().jsonPath("$.error").isEqualTo("review endpoints are off: set byproduct.gateway.review.token");
  }

  @Test
  void verify_withoutOrWithAWrongToken_is401WithTheBearerChallenge() {
    when(review.token()).thenReturn("requester-token-0123456789");

    verify(null, VERIFY).expectStatus().isUnauthorized().expectHeader().valueEquals("WWW-Authenticate", "Bearer")
        .expectBody().jsonPath("$.error").isEqualTo("a valid bearer token is required");
    verify("Bearer wrong", VERIFY).expectStatus().isUnauthorized();
  }

  @Test
  void verify_withoutAWorkerOrCode_is400() {
    when(review.token()).thenReturn("requester-token-0123456789");

    verify("Bearer requester-token-0123456789", "{\"hitId\":\"MT\"}").expectStatus().isBadRequest()
        .expectBody().jsonPath("$.error").isEqualTo("workerId and code are required (hitId, assignmentId too)");
  }
}
