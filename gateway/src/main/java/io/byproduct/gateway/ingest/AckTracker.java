package io.byproduct.gateway.ingest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Decides the acks of one connection. The ack is the greatest sequence number N such that every
 * event with seq ≤ N sent on this connection is durable, never above the highest durable event,
 * and never goes down. Frames may become durable in any order and carry any seqs (resends).
 * Thread-safe.
 */
final class AckTracker {

  /** A frame sent to Kafka and not yet covered by an ack. */
  static final class Sent {
    private final long firstSeq;
    private final long lastSeq;
    private final long receivedAtNanos;
    private boolean durable;

    private Sent(long firstSeq, long lastSeq, long receivedAtNanos) {
      this.firstSeq = firstSeq;
      this.lastSeq = lastSeq;
      this.receivedAtNanos = receivedAtNanos;
    }
  }

  /** The new ack and when each frame it newly covers was received. */
  record Advance(long ack, List<Long> receivedAtNanos) {}

  private final List<Sent> outstanding = new ArrayList<>();
  private long highestDurable;
  private long acked;

  /** Registers a frame before it is sent; frames must be registered in the order they are sent. */
  synchronized Sent sent(long firstSeq, long lastSeq, long receivedAtNanos) {
    Sent frame = new Sent(firstSeq, lastSeq, receivedAtNanos);
    outstanding.add(frame);
    return frame;
  }

  /** Marks a frame durable; the ack to send now, or {@code null} if the ack does not advance. */
  synchronized Advance durable(Sent frame) {
    frame.durable = true;
    highestDurable = Math.max(highestDurable, frame.lastSeq);
    long lowestPending = Long.MAX_VALUE;
    for (Sent s : outstanding) {
      if (!s.durable) {
        lowestPending = Math.min(lowestPending, s.firstSeq);
      }
    }
    long candidate = Math.min(highestDurable, lowestPending - 1);
    long coveredUpTo = Math.max(candidate, acked);
    List<Long> covered = new ArrayList<>();
    for (Iterator<Sent> it = outstanding.iterator(); it.hasNext(); ) {
      Sent s = it.next();
      if (s.durable && s.lastSeq <= coveredUpTo) {
        covered.add(s.receivedAtNanos);
        it.remove();
      }
    }
    if (candidate <= acked) {
      return null;
    }
    acked = candidate;
    return new Advance(candidate, covered);
  }

  synchronized long acked() {
    return acked;
  }

  /** Frames sent and not yet covered by an ack. */
  synchronized int outstandingFrames() {
    return outstanding.size();
  }
}
