package io.byproduct.gateway.hitflow;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;

/**
 * Holds a survey-code request whose HIT is not finished yet (409) and looks again every
 * {@code check-every} until the answer changes or {@code max-wait} has passed, so the worker gets
 * the code within one look of the last page being stored instead of after the page's next retry
 * (its back-off reached seconds). At most {@code max-waiting} requests are held at once; the rest
 * are answered at once as before. Holding costs no thread: the looks are scheduled, each runs as
 * the first did (off the event loop). Metric {@code byproduct.gateway.survey-code.waits{outcome}}.
 */
public final class SurveyCodeWait {

  private final SurveyCodeWaitProperties properties;
  private final MeterRegistry meters;
  private final AtomicInteger waiting = new AtomicInteger();

  public SurveyCodeWait(SurveyCodeWaitProperties properties, MeterRegistry meters) {
    this.properties = properties;
    this.meters = meters;
    meters.gauge("byproduct.gateway.survey-code.waiting", waiting);
  }

  /**
   * {@code first}, or if it is 409, the first answer of {@code again} that is not, or the last 409
   * after {@code max-wait}.
   */
  public Mono<ResponseEntity<Object>> answer(Mono<ResponseEntity<Object>> first,
      Supplier<Mono<ResponseEntity<Object>>> again) {
    return first.flatMap(firstAnswer -> {
      if (!notFinished(firstAnswer) || properties.maxWait().isZero()) {
        return Mono.just(firstAnswer);
      }
      if (waiting.incrementAndGet() > properties.maxWaiting()) {
        waiting.decrementAndGet();
        count("not-held");
        return Mono.just(firstAnswer);
      }
      long deadline = System.nanoTime() + properties.maxWait().toNanos();
      AtomicBoolean held = new AtomicBoolean(true);
      Runnable release = () -> {
        if (held.getAndSet(false)) {
          waiting.decrementAndGet();
        }
      };
      return lookAgain(again, firstAnswer, deadline)
          .doOnNext(answer -> {
            release.run();   // before the answer goes out, not after
            count(notFinished(answer) ? "timed-out" : "answered");
          })
          .doFinally(signal -> release.run());   // cancelled (the client went away) or failed
    });
  }

  /** How many requests are held now. */
  int waiting() {
    return waiting.get();
  }

  private Mono<ResponseEntity<Object>> lookAgain(Supplier<Mono<ResponseEntity<Object>>> look,
      ResponseEntity<Object> last, long deadline) {
    if (System.nanoTime() >= deadline) {
      return Mono.just(last);
    }
    return Mono.delay(properties.checkEvery()).then(Mono.defer(look::get))
        .flatMap(answer -> notFinished(answer) ? lookAgain(look, answer, deadline) : Mono.just(answer));
  }

  private static boolean notFinished(ResponseEntity<Object> answer) {
    return answer.getStatusCode().value() == HttpStatus.CONFLICT.value();
  }

  private void count(String outcome) {
    meters.counter("byproduct.gateway.survey-code.waits", "outcome", outcome).increment();
  }
}
