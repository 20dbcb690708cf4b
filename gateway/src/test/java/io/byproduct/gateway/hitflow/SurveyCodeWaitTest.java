package io.byproduct.gateway.hitflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;

/**
 * The survey-code request held while the HIT's pages are being stored: answered as soon as a look
 * finds them (not after the browser's back-off), answered 409 after {@code max-wait}, and never
 * more than {@code max-waiting} held at once (a flood of requests is answered at once).
 */
class SurveyCodeWaitTest {

  private static final ResponseEntity<Object> NOT_FINISHED = ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of());
  private static final ResponseEntity<Object> CODE = ResponseEntity.ok(Map.of("surveyCode", "3FA09C"));

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void aHeldRequest_isAnsweredByTheFirstLookThatFindsThePagesStored() {
    SurveyCodeWait wait = new SurveyCodeWait(new SurveyCodeWaitProperties(Duration.ofSeconds(5), Duration.ofMillis(20), 4),
        meters);
    AtomicInteger looks = new AtomicInteger();
    long started = System.nanoTime();
    ResponseEntity<Object> answer = wait.answer(Mono.just(NOT_FINISHED),
        () -> Mono.fromSupplier(() -> looks.incrementAndGet() < 3 ? NOT_FINISHED : CODE)).block(Duration.ofSeconds(10));
    assertThat(answer).isEqualTo(CODE);
    assertThat(looks).hasValue(3);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(wait.waiting()).isZero();
    assertThat(meters.counter("byproduct.gateway.survey-code.waits", "outcome", "answered").count()).isEqualTo(1);
  }

  @Test
  void anAnswerThatIsNot409_isGivenAtOnce_withoutLookingAgain() {
    SurveyCodeWait wait = new SurveyCodeWait(SurveyCodeWaitProperties.defaults(), meters);
    ResponseEntity<Object> forbidden = ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of());
    AtomicInteger looks = new AtomicInteger();
    assertThat(wait.answer(Mono.just(forbidden), () -> Mono.fromSupplier(() -> {
      looks.incrementAndGet();
      return CODE;
    })).block()).isEqualTo(forbidden);
    assertThat(looks).hasValue(0);
  }

  @Test
  void aHeldRequest_is409AfterMaxWait() {
    SurveyCodeWait wait = new SurveyCodeWait(new SurveyCodeWaitProperties(Duration.ofMillis(200), Duration.ofMillis(20), 4),
        meters);
    long started = System.nanoTime();
    ResponseEntity<Object> answer = wait.answer(Mono.just(NOT_FINISHED), () -> Mono.just(NOT_FINISHED))
        .block(Duration.ofSeconds(10));
    long tookMillis = (System.nanoTime() - started) / 1_000_000;
    assertThat(answer.getStatusCode().value()).isEqualTo(409);
    assertThat(tookMillis).isBetween(200L, 5_000L);
    assertThat(wait.waiting()).isZero();
    assertThat(meters.counter("byproduct.gateway.survey-code.waits", "outcome", "timed-out").count()).isEqualTo(1);
  }

  /** Attack: many unfinished survey-code requests at once must not all be held (connections, DynamoDB looks). */
  @Test
  void attack_floodOfUnfinishedRequests_holdsAtMostMaxWaiting_andAnswersTheRestAtOnce() {
    SurveyCodeWait wait = new SurveyCodeWait(new SurveyCodeWaitProperties(Duration.ofSeconds(2), Duration.ofMillis(50), 3),
        meters);
    AtomicInteger looks = new AtomicInteger();
    List<Mono<ResponseEntity<Object>>> held = new ArrayList<>();
    List<reactor.core.Disposable> running = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Mono<ResponseEntity<Object>> m = wait.answer(Mono.just(NOT_FINISHED),
          () -> Mono.fromSupplier(() -> {
            looks.incrementAndGet();
            return NOT_FINISHED;
          })).cache();
      held.add(m);
      running.add(m.subscribe());
    }
    assertThat(wait.waiting()).isEqualTo(3);
    long started = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      assertThat(wait.answer(Mono.just(NOT_FINISHED), () -> Mono.just(CODE)).block(Duration.ofSeconds(1)))
          .isEqualTo(NOT_FINISHED);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    assertThat(wait.waiting()).isEqualTo(3);
    assertThat(meters.counter("byproduct.gateway.survey-code.waits", "outcome", "not-held").count()).isEqualTo(100);
    held.forEach(m -> m.block(Duration.ofSeconds(10)));
    assertThat(wait.waiting()).isZero();
    running.forEach(reactor.core.Disposable::dispose);
  }
}
