package io.byproduct.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameRateLimitTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void burstIsAllowed_thenTheSustainedRate() {
    FrameRateLimit limit = new FrameRateLimit(10, 5, 0);
    for (int i = 0; i < 5; i++) {
      assertThat(limit.tryTake(0)).isTrue();
    }
    assertThat(limit.tryTake(0)).as("burst used up").isFalse();
    assertThat(limit.tryTake(SECOND / 10)).as("one token refilled after 100 ms").isTrue();
    assertThat(limit.tryTake(SECOND / 10)).isFalse();
  }

  @Test
  void clientAtTheRate_isNeverStopped() {
    FrameRateLimit limit = new FrameRateLimit(20, 1, 0);
    for (int i = 1; i <= 10_000; i++) {
      assertThat(limit.tryTake(i * SECOND / 20)).isTrue();
    }
  }

  @Test
  void clientAtTwiceTheRate_isStoppedOnceTheBurstIsSpent() {
    FrameRateLimit limit = new FrameRateLimit(20, 200, 0);
    int accepted = 0;
    for (int i = 1; limit.tryTake(i * SECOND / 40); i++) {
      accepted++;
    }
    // 200 spare tokens drain at 20/s while 40/s arrive: about 10 s, ~400 frames
    assertThat(accepted).isBetween(395, 405);
  }

  @Test
  void idleTime_refillsAtMostTheBurst() {
    FrameRateLimit limit = new FrameRateLimit(10, 3, 0);
    long later = 3600 * SECOND;
    assertThat(limit.tryTake(later)).isTrue();
    assertThat(limit.tryTake(later)).isTrue();
    assertThat(limit.tryTake(later)).isTrue();
    assertThat(limit.tryTake(later)).isFalse();
  }
}
