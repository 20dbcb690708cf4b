package io.byproduct.gateway.api;

import java.util.concurrent.Callable;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Blocking work (the DynamoDB client, waiting for Kafka) run on the bounded elastic scheduler, never on the event loop. */
public final class Blocking {

  private Blocking() {}

  /** The call's value, computed off the event loop. */
  public static <T> Mono<T> call(Callable<T> call) {
    return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
  }

  /** The call's answer, computed off the event loop; a {@link BadRequest} is answered 400 with its message. */
  public static Mono<ResponseEntity<Object>> answer(Callable<ResponseEntity<Object>> call) {
    return badRequestsAnswered(call(call));
  }

  /** The answer, with a {@link BadRequest} answered 400 with its message. */
  public static Mono<ResponseEntity<Object>> badRequestsAnswered(Mono<ResponseEntity<Object>> answer) {
    return answer.onErrorResume(BadRequest.class, e -> Mono.just(ApiErrors.badRequest(e.getMessage())));
  }
}
