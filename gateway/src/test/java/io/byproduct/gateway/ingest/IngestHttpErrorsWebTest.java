package io.byproduct.gateway.ingest;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.byproduct.gateway.WebSlices;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The HTTP fallback's error paths as a slice, the batch ingest as a double: a refused batch is 400
 * with the wire's error JSON, a hello without its capability 403, a body over the limit 413 (counted
 * and dead-lettered, never decoded), Kafka failing 503; the beacon answers the same statuses.
 */
@Import(WebSlices.class)
@WebFluxTest(controllers = IngestHttpController.class,
    properties = {WebSlices.WORKER_ID_KEY, WebSlices.SURVEY_CODE_KEY})
class IngestHttpErrorsWebTest {

  private static final int LIMIT = 64;

  @Autowired
  private WebTestClient client;
  @MockitoBean
  private BatchIngest batches;
  @MockitoBean
  private IngestServices services;
  private final IngestMetrics metrics = mock(IngestMetrics.class);
  private final DeadLetters deadLetters = mock(DeadLetters.class);

  @BeforeEach
  void limits() {
    IngestProperties properties = mock(IngestProperties.class);
    when(properties.maxBatchBytes()).thenReturn(LIMIT);
    when(services.properties()).thenReturn(properties);
    when(services.metrics()).thenReturn(metrics);
    when(services.deadLetters()).thenReturn(deadLetters);
  }

  private WebTestClient.ResponseSpec frames(String body) {
    return client.post().uri("/ingest/frames").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  @Test
  void frames_refusedBatch_is400WithTheWireError() {
    when(batches.ingest(any(), anyLong())).thenReturn(Mono.error(Rejection.invalid("frames: required")));

    frames("{}").expectStatus().isBadRequest().expectBody()
        .jsonPath("$.error.code").isEqualTo(RejectReason.INVALID_FIELD.code())
        .jsonPath("$.error.message").isEqualTo("frames: required");
  }

  @Test
  void frames_helloWithoutItsCapability_is403() {
    when(batches.ingest(any(), anyLong())).thenReturn(Mono.error(new Rejection(RejectReason.FORBIDDEN, null, "k: wrong")));

    frames("{}").expectStatus().isForbidden().expectBody().jsonPath("$.error.code").isEqualTo(RejectReason.FORBIDDEN.code());
  }

  @Test
  void frames_overTheLimit_is413_countedAndDeadLettered_neverDecoded() {
    frames("{\"hello\":\"" + "x".repeat(LIMIT) + "\"}").expectStatus().isEqualTo(413)
        .expectBody().jsonPath("$.error.message").isEqualTo("body: more than " + LIMIT + " bytes; send smaller batches");
    verify(metrics).rejected(RejectReason.OVERSIZED_FRAME);
    verify(deadLetters).write(eq(DeadLetters.HTTP), any(Rejection.class), any(byte[].class), anyInt());
    verify(batches, never()).ingest(any(), anyLong());
  }

  @Test
  void framesAndBeacon_whenKafkaFails_are503() {
    when(batches.ingest(any(), anyLong())).thenReturn(Mono.error(new BatchIngest.NotDurable(new TimeoutException("down"))));

    frames("{}").expectStatus().isEqualTo(503).expectBody().jsonPath("$.error.code").isEqualTo("not-durable");
    client.post().uri("/ingest/beacon").contentType(MediaType.TEXT_PLAIN).bodyValue("{}").exchange()
        .expectStatus().isEqualTo(503);
  }
}
