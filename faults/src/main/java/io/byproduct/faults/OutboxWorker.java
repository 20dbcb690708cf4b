package io.byproduct.faults;

import io.byproduct.bench.script.Worker;
import io.byproduct.bench.wire.IngestClient;
import io.byproduct.bench.wire.WireFrames;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/**
 * A simulated worker's browser as its capture client behaves (web/src/capture): every frame stays
 * in the outbox until acknowledged; frames go out one every {@code pace} while the worker works;
 * after any close (or a connection that cannot be opened) it reconnects with exponential back-off
 * and jitter (at once after a first 1001 "going away"), sends the hello again and resends every
 * frame not acknowledged yet, the image table again before the first frame of each page.
 */
public final class OutboxWorker {

  private static final String GOING_AWAY = "1001";

  private final URI ingest;
  private final Worker worker;
  private final String hello;
  private final List<WireFrames.Frame> frames;
  private final Duration pace;
  private final Random jitter;
  private final List<String> closes = new CopyOnWriteArrayList<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private volatile long acked;
  private volatile int connections;
  private volatile boolean allSent;

  /** @param workerIdKey the gateway's worker-id key, for the capability in the hello */
  public OutboxWorker(URI ingest, Worker worker, String workerIdKey, List<WireFrames.Frame> frames, Duration pace, long seed) {
    this.hello = WireFrames.hello(worker, workerIdKey);
    this.ingest = ingest;
    this.worker = worker;
    this.frames = List.copyOf(frames);
    this.pace = pace;
    this.jitter = new Random(seed);
  }

  /** Plays every frame and returns once all are acknowledged; fails after {@code timeout}. */
  public void run(Duration timeout) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long last = lastSeq();
    int next = 0;                       // frames before this index were handed to some connection
    int failures = 0;
    Connection connection = null;
    while (acked < last) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(worker.sessionId() + ": acked " + acked + " of " + last + " after " + timeout
            + "; connections " + connections + ", closes " + closes);
      }
      if (connection == null || connection.closed()) {
        if (connection != null) {
          String status = connection.end();
          closes.add(status);
          long delay = status.startsWith(GOING_AWAY) && failures == 0 ? 0 : backoff(failures);
          failures++;
          Thread.sleep(delay);
        }
        connection = new Connection();
        for (int i = 0; i < next; i++) {
          if (frames.get(i).lastSeq() > acked) {
            connection.send(frames.get(i));
          }
        }
      }
      if (connection.ackProgress()) {
        failures = 0;
      }
      if (next < frames.size()) {
        connection.send(frames.get(next++));
        Thread.sleep(pace.toMillis());
      } else {
        allSent = true;
        Thread.sleep(10);
      }
    }
    connection.end();
  }

  /** 250 ms doubling up to 4 s, between half and all of it. */
  private long backoff(int failures) {
    long base = Math.min(4_000, 250L << Math.min(failures, 5));
    return base / 2 + (long) (jitter.nextDouble() * base / 2);
  }

  public Worker worker() {
    return worker;
  }

  public long acked() {
    return acked;
  }

  /** True once every frame has been sent at least once (the worker has finished working). */
  public boolean allSent() {
    return allSent;
  }

  /** The sequence number of the worker's last event. */
  public long lastSeq() {
    return frames.get(frames.size() - 1).lastSeq();
  }

  /** The fraction of the events acknowledged. */
  public double progress() {
    return (double) acked / lastSeq();
  }

  /** True once every frame is acknowledged. */
  public boolean done() {
    return acked >= lastSeq();
  }

  /** Connections opened (1 when nothing went wrong). */
  public int connections() {
    return connections;
  }

  /** How each connection but the last ended (close code and reason, or the failure). */
  public List<String> closes() {
    return List.copyOf(closes);
  }

  /** Error codes answered to this worker's frames (only {@code not-durable} is expected). */
  public List<String> errors() {
    return List.copyOf(errors);
  }

  @Override
  public String toString() {
    return worker.sessionId() + ": acked " + acked + "/" + lastSeq() + ", connections "
        + connections + ", closes " + closes + ", errors " + errors;
  }

  /** One WebSocket connection with its image table. */
  private final class Connection {
    private final IngestClient client;
    private int tablePage = -1;
    private boolean broken;

    Connection() {
      client = IngestClient.connect(ingest, hello);
      connections++;
    }

    void send(WireFrames.Frame frame) {
      if (broken) {
        return;
      }
      try {
        client.send(frame.pageNo() == tablePage ? frame.json() : frame.jsonWithImages());
        tablePage = frame.pageNo();
      } catch (IllegalStateException closedMeanwhile) {
        broken = true;
      }
    }

    boolean closed() {
      return broken || client.closedWith() != null;
    }

    /** Takes the connection's ack into the outbox; true if it moved on. */
    boolean ackProgress() {
      long ack = client.highestAck();
      if (ack > acked) {
        acked = ack;
        return true;
      }
      return false;
    }

    /** Closes it, keeping its last ack and errors; returns how it had ended. */
    String end() {
      ackProgress();
      String status = client.closedWith();
      client.close();
      ackProgress();
      List<String> codes = new ArrayList<>();
      client.errors().forEach(e -> codes.add(e.get("code").asString()));
      errors.addAll(codes);
      return status == null ? "closed by the client" : status;
    }
  }
}
