package io.byproduct.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/** The configured bound on in-flight events is enforced; waiting reservations get room as events become durable. */
class InflightWindowTest {

  private final AtomicLong total = new AtomicLong();
  private final InflightWindow window = new InflightWindow(5000, total);

  @Test
  void reservationsUpToTheBound_areGrantedAtOnce() {
    assertThat(window.reserve(3000).toFuture()).isCompleted();
    assertThat(window.reserve(2000).toFuture()).isCompleted();
    assertThat(window.inflight()).isEqualTo(5000);
    assertThat(total).hasValue(5000);
  }

  @Test
  void reservationBeyondTheBound_waitsUntilEnoughIsReleased() {
    window.reserve(4000).block();
    AtomicBoolean granted = new AtomicBoolean();
    window.reserve(2000).subscribe(null, null, () -> granted.set(true));

    assertThat(granted).isFalse();
    assertThat(window.waiting()).isTrue();
    window.release(500);
    assertThat(granted).as("3500 + 2000 > 5000").isFalse();
    window.release(500);
    assertThat(granted).isTrue();
    assertThat(window.inflight()).isEqualTo(5000);
    assertThat(total).hasValue(5000);
  }

  @Test
  void frameBiggerThanTheWindow_isAdmittedOnlyAlone() {
    InflightWindow small = new InflightWindow(100, total);
    small.reserve(10).block();
    AtomicBoolean granted = new AtomicBoolean();
    small.reserve(150).subscribe(null, null, () -> granted.set(true));
    assertThat(granted).isFalse();
    small.release(10);
    assertThat(granted).isTrue();
    assertThat(small.inflight()).isEqualTo(150);
  }

  @Test
  void cancelledReservation_takesNothing() {
    window.reserve(5000).block();
    Disposable waiting = window.reserve(1).subscribe();
    waiting.dispose();
    assertThat(window.waiting()).isFalse();
    window.release(5000);
    assertThat(window.inflight()).isZero();
    assertThat(total).hasValue(0);
  }
}
