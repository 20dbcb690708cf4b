package io.byproduct.gateway.review;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.byproduct.gateway.WebSlices;
import io.byproduct.platform.quality.QualityItems.Kind;
import io.byproduct.platform.quality.QualityReader;
import io.byproduct.schemas.quality.AssignmentQuality;
import io.byproduct.schemas.quality.ImageFrequency;
import io.byproduct.schemas.quality.QualityCounts;
import io.byproduct.schemas.quality.QualityFlag;
import io.byproduct.schemas.quality.QualityFlagCode;
import io.byproduct.schemas.quality.VersionFrequency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The live quality API as a slice: the records as stored, and the attack — reading workers' scores
 * and flags without the requesters' token — refused before anything is read.
 */
@Import({WebSlices.class, ReviewAccess.class})
@WebFluxTest(controllers = QualityController.class, properties = {WebSlices.WORKER_ID_KEY, WebSlices.SURVEY_CODE_KEY})
class QualityApiWebTest {

  private static final String TOKEN = "requester-token-0123456789";

  @Autowired
  private WebTestClient client;
  @MockitoBean
  private ReviewProperties review;
  @MockitoBean
  private QualityReader reader;

  private WebTestClient.ResponseSpec get(String path, String authorization) {
    WebTestClient.RequestHeadersSpec<?> request = client.get().uri(path);
    if (authorization != null) {
      request = request.header("Authorization", authorization);
    }
    return request.exchange();
  }

  @Test
  void unauthenticatedRead_isRefused401_andReadsNothing() {
    when(review.token()).thenReturn(TOKEN);

    for (String path : List.of("/api/quality/demo/images", "/api/quality/demo/workers",
        "/api/quality/demo/assignments/a1/flags")) {
      get(path, null).expectStatus().isUnauthorized().expectHeader().valueEquals("WWW-Authenticate", "Bearer")
          .expectBody().jsonPath("$.error").isEqualTo("a valid bearer token is required");
      get(path, "Bearer " + TOKEN + "x").expectStatus().isUnauthorized();
      get(path, TOKEN).expectStatus().isUnauthorized();
    }
    verifyNoInteractions(reader);
  }

  @Test
  void withNoTokenConfigured_isOff503() {
    when(review.token()).thenReturn(" ");

    get("/api/quality/demo/images", "Bearer  ").expectStatus().isEqualTo(503);
    verifyNoInteractions(reader);
  }

  @Test
  void images_areListedAsStored_withTheCursor() {
    when(review.token()).thenReturn(TOKEN);
    ImageFrequency x = new ImageFrequency("demo", "cat", "demo/x", 3, 2, 2.0 / 3,
        List.of(new VersionFrequency("v1", 3, 2, 2.0 / 3)), 0L);
    when(reader.list(Kind.IMAGE, "demo", null, 2)).thenReturn(new QualityReader.Listing(List.of(x.toString()), "cat|demo/x"));

    get("/api/quality/demo/images?limit=2", "Bearer " + TOKEN).expectStatus().isOk().expectBody()
        .jsonPath("$.records[0].imageId").isEqualTo("demo/x")
        .jsonPath("$.records[0].selections").isEqualTo(2)
        .jsonPath("$.records[0].versions[0].version").isEqualTo("v1")
        .jsonPath("$.next").isEqualTo("cat|demo/x");
  }

  @Test
  void assignmentFlags_areAnsweredWithTheirReasons_or404() {
    when(review.token()).thenReturn(TOKEN);
    AssignmentQuality a = AssignmentQuality.newBuilder().setAnnotationId("a1").setHitDatasetName("demo")
        .setHitId("hit-1").setWorkerId("w1").setCounts(QualityCounts.newBuilder().setPages(1).build())
        .setFlags(List.of(new QualityFlag(QualityFlagCode.TOO_FAST, "1 of 1 pages took less than 10 s"))).build();
    when(reader.find(Kind.ASSIGNMENT, "demo", "a1")).thenReturn(Optional.of(a.toString()));
    when(reader.find(Kind.ASSIGNMENT, "demo", "a2")).thenReturn(Optional.empty());

    get("/api/quality/demo/assignments/a1/flags", "Bearer " + TOKEN).expectStatus().isOk().expectBody()
        .jsonPath("$.flags[0].code").isEqualTo("TOO_FAST")
        .jsonPath("$.flags[0].reason").isEqualTo("1 of 1 pages took less than 10 s")
        .jsonPath("$.counts.pages").isEqualTo(1);
    get("/api/quality/demo/assignments/a2/flags", "Bearer " + TOKEN).expectStatus().isNotFound();
  }

  @Test
  void limitOutOfBounds_is400() {
    when(review.token()).thenReturn(TOKEN);
    when(reader.list(any(), any(), any(), anyInt())).thenReturn(new QualityReader.Listing(List.of(), null));

    get("/api/quality/demo/workers?limit=0", "Bearer " + TOKEN).expectStatus().isBadRequest();
    get("/api/quality/demo/workers?limit=1001", "Bearer " + TOKEN).expectStatus().isBadRequest();
    get("/api/quality/demo/workers", "Bearer " + TOKEN).expectStatus().isOk().expectBody()
        .jsonPath("$.records").isEmpty();
  }
}
