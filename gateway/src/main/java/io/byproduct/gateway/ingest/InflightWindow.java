package io.byproduct.gateway.ingest;

import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The bound on events of one connection that were sent to Kafka and are not yet durable. {@link
 * #reserve} completes at once while there is room, and otherwise only when {@link #release} made
 * room: the connection's inbound pipeline waits on it and so stops reading from the socket. A frame
 * bigger than the whole window is admitted when nothing else is in flight. One reservation waits
 * at a time (the pipeline is sequential). Also keeps the gateway-wide total up to date.
 */
final class InflightWindow {

  private final int capacity;
  private final AtomicLong gatewayTotal;
  private int used;
  private int waitingFor;
  private MonoSink<Void> waiter;

  InflightWindow(int capacity, AtomicLong gatewayTotal) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be ≥ 1, was " + capacity);
    }
    this.capacity = capacity;
    this.gatewayTotal = gatewayTotal;
  }

  /** Completes when {@code events} more fit (they are then counted as in flight). */
  Mono<Void> reserve(int events) {
    return Mono.create(sink -> {
      boolean granted;
      synchronized (this) {
        if (waiter != null) {
          sink.error(new IllegalStateException("only one reservation may wait at a time"));
          return;
        }
        granted = fits(events);
        if (granted) {
          take(events);
        } else {
          waiter = sink;
          waitingFor = events;
          sink.onCancel(() -> cancel(sink));
        }
      }
      if (granted) {
        sink.success();
      }
    });
  }

  void release(int events) {
    MonoSink<Void> granted = null;
    synchronized (this) {
      used -= events;
      gatewayTotal.addAndGet(-events);
      if (waiter != null && fits(waitingFor)) {
        take(waitingFor);
        granted = waiter;
        waiter = null;
      }
    }
    if (granted != null) {
      granted.success();
    }
  }

  synchronized int inflight() {
    return used;
  }

  synchronized boolean waiting() {
    return waiter != null;
  }

  private boolean fits(int events) {
    return used == 0 || used + events <= capacity;
  }

  private void take(int events) {
    used += events;
    gatewayTotal.addAndGet(events);
  }

  private synchronized void cancel(MonoSink<Void> sink) {
    if (waiter == sink) {
      waiter = null;
    }
  }
}
