package io.byproduct.gateway.seedapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.byproduct.gateway.WebSlices;
import io.byproduct.gateway.binding.StoredAnnotations;
import io.byproduct.platform.workers.WorkerPseudonyms;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.PageRecorded;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The bodies of the original front end's page PUT and create, attacked: values out of range,
 * non-finite numbers, absurd times and malformed UTF-8 get 400 naming the field and publish nothing;
 * the body limit is the gateway's own {@code gateway.properties} (a 1 MB page is accepted, beyond the
 * limit 413 with a message). A page is answered only once it is stored.
 */
@Import({WebSlices.class, SeedApiErrorsWebTest.RealParts.class})
@WebFluxTest(controllers = SeedWritesController.class,
    properties = {"byproduct.gateway.seed-api.enabled=true", "byproduct.gateway.seed-api.store-wait=2s",
        "byproduct.gateway.seed-api.done-wait=300ms", WebSlices.WORKER_ID_KEY, WebSlices.SURVEY_CODE_KEY})
@TestPropertySource(locations = "classpath:gateway.properties")
class SeedPageBodiesWebTest extends SeedApiDoubles {

  private static final WorkerPseudonyms PSEUDONYMS = new WorkerPseudonyms(WebSlices.WORKER_ID_KEY_VALUE);
  private static final String HIT = "{\"id\":\"hit-1\",\"pages\":[{\"pageno\":1},{\"pageno\":2}]}";
  private static final long START = 1_796_304_416_118L;
  private static final long END = START + 600_000;

  @Autowired
  private WebTestClient client;

  /** The content hash of the page the publisher took: what the (double of the) stored page then shows. */
  private final AtomicReference<String> published = new AtomicReference<>();

  @BeforeEach
  void annotationOfTheOriginal() {
    when(hits.findJson("open", "hit-1")).thenReturn(Optional.of(HIT));
    when(stored.hit("open", "hit-1")).thenReturn(Optional.of(new StoredAnnotations.Hit(List.of(1, 2), false)));
    when(stored.find("a-1")).thenReturn(Optional.of(new StoredAnnotations.Annotation("a-1", "open", "hit-1",
        PSEUDONYMS.pseudonymise("W1"), "ASG", "MT", "POINTER_ORIGINAL")));
    when(stored.page(eq("a-1"), anyInt())).thenReturn(Optional.empty());
    when(stored.pageHash(eq("a-1"), anyInt())).thenAnswer(call -> Optional.ofNullable(published.get()));
    when(publisher.publish(any())).thenAnswer(call -> {
      List<InteractionEvent> events = call.getArgument(0);
      published.set(((PageRecorded) events.get(0).getPayload()).getContentHash());
      return CompletableFuture.completedFuture(null);
    });
  }

  private WebTestClient.ResponseSpec put(String path, byte[] body) {
    return client.put().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  private WebTestClient.ResponseSpec put(String record) {
    return put("/api/imagenet/open/annotations/a-1", page(START, END, record).getBytes(StandardCharsets.UTF_8));
  }

  private static String page(Object startedAt, Object endedAt, String record) {
    return "{\"page\":{\"id\":\"p-1\",\"pageno\":1,\"startedAt\":" + startedAt + ",\"endedAt\":" + endedAt
        + ",\"annotations\":[" + record + "]},\"endedAt\":" + endedAt + ",\"isDone\":false}";
  }

  /** One image's record as the original sends it, with {@code tracking} as its mouseTracking entries. */
  private static String record(String imageWidth, String tracking) {
    return "{\"selected\":false,\"selectedCount\":0,\"selectedRecord\":[],\"hoveredCount\":1,\"hoveredRecord\":"
        + "[{\"action\":\"enter\",\"time\":" + (START + 10) + "}],\"imagePosition\":{\"x\":478,\"y\":411},\"imageWidth\":"
        + imageWidth + ",\"imageHeight\":243,\"originalImageWidth\":500,\"originalImageHeight\":375,\"estimateTime\":98,"
        + "\"mouseTracking\":[" + tracking + "],\"imageID\":\"n01440764/img_011\"}";
  }

  private static String point(String x, long time) {
    return "{\"x\":" + x + ",\"y\":0.5,\"time\":" + time + "}";
  }

  private void refused(WebTestClient.ResponseSpec answer, String error) {
    answer.expectStatus().isBadRequest().expectBody().jsonPath("$.error").value(m -> assertThat((String) m).startsWith(error));
    verify(publisher, never()).publish(any());
  }

  @Test
  void trackingOutsideTheImage_is400NamingThePoint() {
    refused(put(record("324", point("0.5", START + 11) + "," + point("1.02", START + 12))),
        "page.annotations[0].mouseTracking[1].x: must be a fraction of the image in [0, 1], was 1.02");
    refused(put(record("324", point("-0.01", START + 11))), "page.annotations[0].mouseTracking[0].x: must be a fraction");
  }

  @Test
  void nonFiniteNumber_is400NamingTheField() {
    refused(put(record("324", point("1e400", START + 11))), "page.annotations[0].mouseTracking[].x: expected a finite number");
    refused(put(record("1e400", "")), "page.annotations[0].imageWidth: expected a finite number");
  }

  @Test
  void negativeSize_is400NamingTheField() {
    refused(put(record("-5", "")), "page.annotations[0].imageWidth: must be a size of 0..100000 px, was -5");
  }

  @Test
  void absurdTimes_are400NamingTheField() {
    refused(put("/api/imagenet/open/annotations/a-1", page("1e30", END, record("324", "")).getBytes(StandardCharsets.UTF_8)),
        "page.startedAt: required, epoch milliseconds");
    refused(put("/api/imagenet/open/annotations/a-1", page(START, "99999999999999999", record("324", ""))
        .getBytes(StandardCharsets.UTF_8)), "page.endedAt: must be epoch milliseconds between 2000 and 2100");
    refused(put(record("324", point("0.5", END + 1))), "page.annotations[0].mouseTracking[0].time: must be within the page");
    client.post().uri("/api/imagenet/open/hits/hit-1/annotations").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"id\":\"a-2\",\"workerID\":\"W1\",\"startedAt\":1e30}").exchange()
        .expectStatus().isBadRequest().expectBody().jsonPath("$.error").value(m -> assertThat((String) m).startsWith("startedAt:"));
  }

  @Test
  void malformedUtf8_inTheBodyOrThePath_is400() {
    byte[] create = "{\"id\":\"XX\",\"workerID\":\"W1\",\"startedAt\":1796304416118}".getBytes(StandardCharsets.UTF_8);
    create[7] = (byte) 0xC3;  // a lead byte without its continuation, then another lead byte
    create[8] = (byte) 0xFF;
    client.post().uri("/api/imagenet/open/hits/hit-1/annotations").contentType(MediaType.APPLICATION_JSON).bodyValue(create)
        .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.error")
        .value(m -> assertThat((String) m).startsWith("body: malformed UTF-8"));
    client.put().uri(java.net.URI.create("/api/imagenet/open/annotations/%FF%FE")).contentType(MediaType.APPLICATION_JSON)
        .bodyValue(page(START, END, record("324", ""))).exchange().expectStatus().isBadRequest()
        .expectBody().jsonPath("$.error").value(m -> assertThat((String) m).startsWith("imageNetAnnotationId (path): must be"));
    refused(put(record("324", "").replace("n01440764/img_011", "\uFFFD\uFFFD")), "page.annotations[0].imageID: must be");
    assertThat(SeedApiErrorsWebTest.RealParts.METERS.get("byproduct.binding.refused").tag("reason", "invalid-body").counter().count()).isPositive();
  }

  @Test
  void aOneMegabytePage_isAccepted_andAnsweredOnceStored() {
    StringBuilder tracking = new StringBuilder();
    int points = 0;
    while (tracking.length() < 1_000_000) {
      tracking.append(points == 0 ? "" : ",").append(point("0.7623456790123457", START + 100 + points * 17L));
      points++;
    }
    byte[] body = page(START, END, record("324", tracking.toString())).getBytes(StandardCharsets.UTF_8);
    assertThat(body.length).isGreaterThan(1_000_000);

    put("/api/imagenet/open/annotations/a-1", body).expectStatus().isOk()
        .expectBody().jsonPath("$.pageno").isEqualTo(1);
    verify(publisher).publish(any());
  }

  @Test
  void aBodyBeyondTheLimit_is413WithAMessage() {
    byte[] body = new byte[8 * 1024 * 1024 + 1];
    java.util.Arrays.fill(body, (byte) ' ');

    put("/api/imagenet/open/annotations/a-1", body).expectStatus().isEqualTo(413)
        .expectBody().jsonPath("$.error").value(m -> assertThat((String) m)
            .startsWith("body: larger than the 8388608 bytes a request may have (spring.http.codecs.max-in-memory-size)"));
    verify(publisher, never()).publish(any());
  }

  @Test
  void aPageNotStoredInTime_is503_andAnotherVersionStoredFirst_is409() {
    when(stored.pageHash(eq("a-1"), anyInt())).thenReturn(Optional.empty());
    put(record("324", "")).expectStatus().isEqualTo(503);

    when(stored.pageHash(eq("a-1"), anyInt())).thenReturn(Optional.of("0123456789abcdef0123456789abcdef"));
    put(record("324", "")).expectStatus().isEqualTo(409).expectBody().jsonPath("$.error")
        .value(m -> assertThat((String) m).contains("is stored with other content"));
  }
}
