package io.byproduct.gateway.ingest;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The HTTP fallback of the ingest: {@code POST /ingest/frames} (JSON, answers {@code {"ack":n}})
 * and {@code POST /ingest/beacon} (the same body as {@code text/plain} from {@code
 * navigator.sendBeacon}, answers 204). Both answer only after the events are durable; a bad batch
 * gets 400 with the error JSON, a body above the limit 413, a Kafka failure 503.
 */
@RestController
class IngestHttpController {

  private final BatchIngest batches;
  private final IngestServices services;

  IngestHttpController(BatchIngest batches, IngestServices services) {
    this.batches = batches;
    this.services = services;
  }

  @PostMapping(path = "/ingest/frames", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<String>> frames(ServerHttpRequest request) {
    return ingest(request).map(ack -> json(HttpStatus.OK, WireJson.ack(ack))).onErrorResume(IngestHttpController::failure);
  }

  @PostMapping(path = "/ingest/beacon")
  Mono<ResponseEntity<String>> beacon(ServerHttpRequest request) {
    return ingest(request).map(ack -> ResponseEntity.noContent().<String>build()).onErrorResume(IngestHttpController::failure);
  }

  private Mono<Long> ingest(ServerHttpRequest request) {
    long receivedAt = System.nanoTime();
    int limit = services.properties().maxBatchBytes();
    return DataBufferUtils.join(request.getBody(), limit)
        .map(IngestHttpController::bytesOf)
        .defaultIfEmpty(new byte[0])
        .onErrorMap(DataBufferLimitException.class, tooBig -> oversized(limit))
        .flatMap(body -> batches.ingest(body, receivedAt));
  }

  private Rejection oversized(int limit) {
    Rejection rejection = new Rejection(RejectReason.OVERSIZED_FRAME, null,
        "body: more than " + limit + " bytes; send smaller batches");
    services.metrics().rejected(rejection.reason());
    services.deadLetters().write(DeadLetters.HTTP, rejection, new byte[0], limit + 1);
    return rejection;
  }

  private static byte[] bytesOf(DataBuffer buffer) {
    try {
      byte[] bytes = new byte[buffer.readableByteCount()];
      buffer.read(bytes);
      return bytes;
    } finally {
      DataBufferUtils.release(buffer);
    }
  }

  private static Mono<ResponseEntity<String>> failure(Throwable error) {
    if (error instanceof Rejection rejection) {
      HttpStatus status = switch (rejection.reason()) {
        case OVERSIZED_FRAME -> HttpStatus.CONTENT_TOO_LARGE;
        case FORBIDDEN -> HttpStatus.FORBIDDEN;
        default -> HttpStatus.BAD_REQUEST;
      };
      return Mono.just(json(status, WireJson.error(rejection)));
    }
    if (error instanceof BatchIngest.NotDurable notDurable) {
      return Mono.just(json(HttpStatus.SERVICE_UNAVAILABLE, WireJson.error(null, "not-durable", notDurable.getMessage())));
    }
    return Mono.error(error);
  }

  private static ResponseEntity<String> json(HttpStatus status, String body) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
