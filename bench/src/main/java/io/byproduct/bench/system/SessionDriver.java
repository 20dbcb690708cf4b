package io.byproduct.bench.system;

import io.byproduct.bench.system.SimulatedSession.TimedFrame;
import io.byproduct.bench.wire.IngestClient;
import io.byproduct.bench.wire.WireFrames;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import reactor.netty.resources.LoopResources;

/**
 * Plays one {@link SimulatedSession} over its own WebSocket: sends each frame at the time its
 * script says (real-time) or all at once (as fast as possible), and measures each frame's time from
 * send to the ack that covers it.
 */
final class SessionDriver {

  /** Told when a frame carrying a page's Submit has been sent. */
  interface SubmitListener {
    void submitted(String annotationId, int pageNo, long sentNanos);
  }

  private final SimulatedSession session;
  private final Latencies.Split ackLatencies;
  private final Latencies.Split pacingLag;
  private final SubmitListener submits;
  private final ArrayDeque<long[]> unacked = new ArrayDeque<>();  // {lastSeq, sentNanos}
  private final CountDownLatch allAcked = new CountDownLatch(1);
  private IngestClient client;
  private int next;
  private long clockOffsetMillis;

  private volatile long allAckedNanos;

  /**
   * @param pacingLag how late each frame left, in real time, after the time its script says
   *     (the load generator falling behind)
   */
  SessionDriver(SimulatedSession session, Latencies.Split ackLatencies, Latencies.Split pacingLag,
      SubmitListener submits) {
    this.session = session;
    this.ackLatencies = ackLatencies;
    this.pacingLag = pacingLag;
    this.submits = submits;
  }

  SimulatedSession session() {
    return session;
  }

  void connect(URI uri, LoopResources loops, String workerIdKey) {
    client = IngestClient.connect(uri, WireFrames.hello(session.worker(), workerIdKey), loops, this::acked);
  }

  /** Sends every frame now, in order. */
  void sendAll() {
    while (next < session.frames().size()) {
      send(session.frames().get(next++));
    }
  }

  /**
   * Sends the frames at their script times, shifted so that the session's first client time is
   * {@code startWallMillis}; the pacing runs on {@code pacer}.
   */
  void play(ScheduledExecutorService pacer, long startWallMillis) {
    clockOffsetMillis = startWallMillis - session.startMillis();
    scheduleNext(pacer);
  }

  private void scheduleNext(ScheduledExecutorService pacer) {
    if (next >= session.frames().size()) {
      return;
    }
    long delay = session.frames().get(next).sendAtMillis() + clockOffsetMillis - System.currentTimeMillis();
    pacer.schedule(() -> {
      long now = System.currentTimeMillis();
      while (next < session.frames().size() && session.frames().get(next).sendAtMillis() + clockOffsetMillis <= now) {
        pacingLag.record(System.nanoTime(), (now - session.frames().get(next).sendAtMillis() - clockOffsetMillis) * 1_000_000);
        send(session.frames().get(next++));
      }
      scheduleNext(pacer);
    }, Math.max(0, delay), TimeUnit.MILLISECONDS);
  }

  private void send(TimedFrame timed) {
    long now = System.nanoTime();
    synchronized (unacked) {
      unacked.add(new long[] {timed.frame().lastSeq(), now});
    }
    client.send(timed.frame().json());
    if (timed.submitsPage() > 0) {
      submits.submitted(session.worker().annotationId(), timed.submitsPage(), now);
    }
  }

  private void acked(long seq) {
    long now = System.nanoTime();
    synchronized (unacked) {
      while (!unacked.isEmpty() && unacked.peek()[0] <= seq) {
        long sent = unacked.poll()[1];
        ackLatencies.record(sent, now - sent);
      }
    }
    if (seq >= session.lastSeq() && allAcked.getCount() > 0) {
      allAckedNanos = now;
      allAcked.countDown();
    }
  }

  /** Waits until every event of the session is acknowledged. */
  boolean awaitAllAcked(long timeoutMillis) throws InterruptedException {
    return allAcked.await(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** When the last event was acknowledged ({@link System#nanoTime()}), 0 before. */
  long allAckedNanos() {
    return allAckedNanos;
  }

  /** Events acknowledged (at most the session's). */
  long ackedEvents() {
    return client == null ? 0 : Math.min(client.highestAck(), session.lastSeq());
  }

  int errors() {
    return client == null ? 0 : client.errors().size();
  }

  String closedWith() {
    return client == null ? null : client.closedWith();
  }

  void close() {
    if (client != null) {
      client.close();
    }
  }
}
