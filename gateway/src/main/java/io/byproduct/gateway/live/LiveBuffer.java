package io.byproduct.gateway.live;

import io.byproduct.schemas.json.RecordJson;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The hand-off from a subscription's polling thread to its subscriber: a buffer bounded in messages
 * ({@code buffer-messages}) and bytes ({@code buffer-bytes}). A full buffer is waited on up to
 * {@code drop-after}; if it stays full the subscriber is dropped with one last {@code dropped}
 * message that says where to resume.
 */
final class LiveBuffer {

  /** What {@link #offer} did with a message. */
  enum Offered {
    /** Buffered for the subscriber. */
    SENT,
    /** The subscriber is gone or the subscription stopping: nothing more to send. */
    GONE,
    /** The buffer stayed full for {@code drop-after}: the subscriber was dropped. */
    DROPPED
  }

  private final LiveProperties properties;
  private final AtomicBoolean stopped;
  private final Sinks.Many<LiveMessage> messages;
  private final Sinks.One<LiveMessage> end = Sinks.one();
  private final AtomicLong bufferedBytes = new AtomicLong();
  private final AtomicLong lastDelivered = new AtomicLong();
  private final AtomicBoolean attached = new AtomicBoolean();

  /** @param stopped the subscription's stop flag, set here when the subscriber went away or was dropped */
  LiveBuffer(LiveProperties properties, AtomicBoolean stopped) {
    this.properties = properties;
    this.stopped = stopped;
    Queue<LiveMessage> buffer = Queues.<LiveMessage>get(properties.bufferMessages()).get();
    this.messages = Sinks.many().unicast().onBackpressureBuffer(buffer);
  }

  /**
   * The subscriber's side: the buffered messages, then the final one ({@link #fail}, {@code dropped})
   * if there is one; {@code whenDone} runs when it ends or is cancelled.
   */
  Flux<LiveMessage> flux(Runnable whenDone) {
    return messages.asFlux()
        .doOnSubscribe(s -> attached.set(true))
        .doOnNext(m -> {
          bufferedBytes.addAndGet(-m.size());
          if (m.timestamp() > 0) {
            lastDelivered.set(m.timestamp());
          }
        })
        .takeUntilOther(end.asMono())
        .concatWith(end.asMono())
        .doFinally(signal -> whenDone.run());
  }

  /** Whether the subscriber has subscribed to {@link #flux}. */
  boolean attached() {
    return attached.get();
  }

  /**
   * Hands a message to the subscriber. A full buffer is waited on, up to {@code drop-after}; if it
   * stays full, the subscriber is dropped.
   */
  Offered offer(LiveMessage message) {
    long deadline = System.nanoTime() + properties.dropAfter().toNanos();
    long limit = properties.bufferBytes().toBytes();
    while (true) {
      if (stopped.get()) {
        return Offered.GONE;
      }
      boolean roomForBytes = bufferedBytes.get() == 0 || bufferedBytes.get() + message.size() <= limit;
      if (roomForBytes) {
        bufferedBytes.addAndGet(message.size());
        Sinks.EmitResult result = messages.tryEmitNext(message);
        if (result.isSuccess()) {
          return Offered.SENT;
        }
        bufferedBytes.addAndGet(-message.size());
        if (result == Sinks.EmitResult.FAIL_CANCELLED || result == Sinks.EmitResult.FAIL_TERMINATED) {
          stopped.set(true);
          return Offered.GONE;
        }
      }
      if (System.nanoTime() > deadline) {
        drop();
        return Offered.DROPPED;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped.set(true);
        return Offered.GONE;
      }
    }
  }

  private void drop() {
    stopped.set(true);
    long resumeFrom = lastDelivered.get();
    var notice = RecordJson.MAPPER.createObjectNode()
        .put("reason", "too-slow")
        .put("message", "this subscriber did not read its stream for " + properties.dropAfter().toMillis()
            + " ms while its buffer was full; reconnect (with from=" + resumeFrom + " to continue near where it stopped)");
    notice.put("resumeFrom", resumeFrom);
    end.tryEmitValue(new LiveMessage("dropped", null, 0, notice.toString()));
  }

  /** Ends the stream with an {@code error} message. */
  void fail(RuntimeException e) {
    end.tryEmitValue(new LiveMessage("error", null, 0, RecordJson.MAPPER.createObjectNode()
        .put("reason", "failed").put("message", "the live stream failed: " + e.getMessage()).toString()));
  }

  /** Ends the stream after what is buffered (the gateway is shutting down; a no-op if the subscriber left). */
  void complete() {
    messages.tryEmitComplete();
  }
}
