package io.byproduct.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Acks cover only durable events, never go down, and never run ahead of what was sent. */
class AckTrackerTest {

  private final AckTracker tracker = new AckTracker();

  @Test
  void inOrderCompletion_acksEachFrame() {
    AckTracker.Sent a = tracker.sent(1, 10, 100);
    AckTracker.Sent b = tracker.sent(11, 20, 200);

    assertThat(tracker.durable(a)).isEqualTo(new AckTracker.Advance(10, java.util.List.of(100L)));
    assertThat(tracker.durable(b)).isEqualTo(new AckTracker.Advance(20, java.util.List.of(200L)));
    assertThat(tracker.outstandingFrames()).isZero();
  }

  @Test
  void laterFrameDurableFirst_waitsForTheEarlierOne_thenBothAreCovered() {
    AckTracker.Sent a = tracker.sent(1, 10, 100);
    AckTracker.Sent b = tracker.sent(11, 20, 200);

    assertThat(tracker.durable(b)).isNull();
    assertThat(tracker.acked()).isZero();
    AckTracker.Advance advance = tracker.durable(a);
    assertThat(advance.ack()).isEqualTo(20);
    assertThat(advance.receivedAtNanos()).containsExactlyInAnyOrder(100L, 200L);
  }

  @Test
  void pendingFrameWithLowerSeqs_holdsTheAckBelowIt() {
    AckTracker.Sent high = tracker.sent(50, 60, 1);
    AckTracker.Sent low = tracker.sent(1, 5, 2);

    assertThat(tracker.durable(high)).isNull();
    assertThat(tracker.durable(low).ack()).isEqualTo(60);
  }

  @Test
  void gapOfRejectedSeqs_doesNotHoldTheAck() {
    AckTracker.Sent a = tracker.sent(1, 2, 1);
    // seqs 3..4 were in a rejected frame: never registered
    AckTracker.Sent c = tracker.sent(5, 6, 3);
    assertThat(tracker.durable(a).ack()).isEqualTo(2);
    assertThat(tracker.durable(c).ack()).isEqualTo(6);
  }

  @Test
  void resendOfAckedEvents_doesNotLowerOrRepeatTheAck() {
    AckTracker.Sent a = tracker.sent(1, 10, 1);
    assertThat(tracker.durable(a).ack()).isEqualTo(10);
    AckTracker.Sent again = tracker.sent(3, 4, 2);
    assertThat(tracker.durable(again)).isNull();
    assertThat(tracker.acked()).isEqualTo(10);
    assertThat(tracker.outstandingFrames()).isZero();
  }

  @Test
  void ackNeverExceedsTheHighestDurableEvent() {
    AckTracker.Sent a = tracker.sent(1, 3, 1);
    tracker.sent(4, 8, 2);
    assertThat(tracker.durable(a).ack()).isEqualTo(3);
  }
}
