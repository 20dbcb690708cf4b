package io.byproduct.gateway.seedapi;

import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The answers of the seed API's writes: {@code {"error": …}} bodies, and blocking work off the event loop. */
final class SeedAnswers {

  private SeedAnswers() {}

  static ResponseEntity<Object> error(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(Map.of("error", message));
  }

  /** Runs the (blocking: DynamoDB, Kafka) call on the bounded elastic scheduler; a {@link BadRequest} is a 400. */
  static Mono<ResponseEntity<Object>> blocking(Callable<ResponseEntity<Object>> call) {
    return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic())
        .onErrorResume(BadRequest.class, e -> Mono.just(error(HttpStatus.BAD_REQUEST, e.getMessage())));
  }
}
