package io.byproduct.gateway.ingest;

import io.byproduct.gateway.ingest.MessageDecoder.Decoded;
import io.byproduct.gateway.ingest.MessageDecoder.FrameAccepted;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One ingest connection, independent of the WebSocket API: reads messages one at a time (the next
 * is requested only when the current one is decoded and, for a frame, its events fit into the
 * {@link InflightWindow} and were handed to the producer), answers acks and errors, dead-letters
 * refused messages, and closes the connection when the client is idle, too fast, or its events
 * cannot be made durable.
 */
final class IngestConnection {

  /** Closes the underlying connection with a status code and reason. */
  interface Closer {
    void close(int code, String reason);
  }

  /** Answers waiting to be written; a client that lets more pile up is closed. */
  static final int MAX_PENDING_ANSWERS = 1024;

  private static final Logger log = LoggerFactory.getLogger(IngestConnection.class);

  private final IngestServices services;
  private final Closer closer;
  private final String source;
  private final IngestSession session = new IngestSession();
  private final AckTracker acks = new AckTracker();
  private final InflightWindow window;
  private final FrameRateLimit rateLimit;
  private final Sinks.Many<String> answers =
      Sinks.many().unicast().onBackpressureBuffer(Queues.<String>get(MAX_PENDING_ANSWERS).get());
  private final long openedAtNanos = System.nanoTime();
  private volatile long lastReceivedNanos = openedAtNanos;
  private volatile boolean closing;
  private volatile boolean helloAccepted;
  private int rejections;

  IngestConnection(IngestServices services, Closer closer, String source) {
    this.services = services;
    this.closer = closer;
    this.source = source;
    IngestProperties properties = services.properties();
    this.window = new InflightWindow(properties.maxInflightEvents(), services.metrics().inflight());
    this.rateLimit = new FrameRateLimit(properties.maxFramesPerSecond(), properties.frameBurst(), lastReceivedNanos);
  }

  /** The answers to write to the client, in order; completes when the connection ends. */
  Flux<String> answers() {
    return answers.asFlux();
  }

  /** Processes the inbound messages until they end; backpressure reaches the socket. */
  Mono<Void> run(Flux<InboundMessage> inbound) {
    Duration idleTimeout = services.properties().idleTimeout();
    Disposable idleWatch = Flux.interval(idleCheckPeriod(min(idleTimeout, services.properties().helloTimeout()))).subscribe(tick -> closeIfIdle(idleTimeout));
    return inbound
        .concatMap(this::onMessage, 0)
        .then()
        .doFinally(signal -> {
          idleWatch.dispose();
          closing = true;
          synchronized (answers) {
            answers.tryEmitComplete();
          }
        });
  }

  InflightWindow window() {
    return window;
  }

  private Mono<Void> onMessage(InboundMessage message) {
    if (closing) {
      return Mono.empty();
    }
    if (!rateLimit.tryTake(message.receivedAtNanos())) {
      close(CloseCodes.TOO_FAST, "frame rate above " + services.properties().maxFramesPerSecond() + "/s for too long");
      return Mono.empty();
    }
    Decoded decoded;
    try {
      decoded = services.decoder().decode(message, session);
    } catch (Rejection rejection) {
      reject(rejection, message);
      return Mono.empty();
    } catch (RuntimeException fault) {
      log.error("Fault while decoding a message of {} bytes", message.size(), fault);
      reject(new Rejection(RejectReason.INTERNAL_ERROR, null, "the gateway failed to read this message: " + fault)
          .withKey(session.annotationId()), message);
      return Mono.empty();
    }
    lastReceivedNanos = message.receivedAtNanos();
    if (decoded instanceof MessageDecoder.HelloAccepted) {
      helloAccepted = true;
    }
    if (decoded instanceof FrameAccepted accepted && accepted.frame().size() > 0) {
      DecodedFrame frame = accepted.frame();
      return window.reserve(frame.size())
          .then(Mono.fromRunnable(() -> send(frame, message.receivedAtNanos())).subscribeOn(services.sender()))
          .then();
    }
    return Mono.empty();
  }

  private void send(DecodedFrame frame, long receivedAtNanos) {
    AckTracker.Sent sent = acks.sent(frame.firstSeq(), frame.lastSeq(), receivedAtNanos);
    services.publisher().publishFrames(List.of(frame)).whenComplete((ok, error) -> {
      window.release(frame.size());
      if (error != null) {
        notDurable(frame, error);
        return;
      }
      services.metrics().accepted(frame.size());
      synchronized (acks) {
        AckTracker.Advance advance = acks.durable(sent);
        if (advance != null && !closing) {
          answer(WireJson.ack(advance.ack()));
          advance.receivedAtNanos().forEach(services.metrics()::acked);
        }
      }
    });
  }

  private void reject(Rejection rejection, InboundMessage message) {
    services.metrics().rejected(rejection.reason());
    services.deadLetters().write(source, rejection, message.bytes(), message.size());
    answer(WireJson.error(rejection));
    int max = services.properties().maxRejections();
    if (++rejections >= max) {
      close(CloseCodes.POLICY_VIOLATION, max + " messages refused; fix the client before reconnecting");
    }
  }

  private void notDurable(DecodedFrame frame, Throwable error) {
    log.warn("Events {}..{} of an ingest connection could not be written to Kafka, closing it: {}",
        frame.firstSeq(), frame.lastSeq(), error.toString());
    answer(WireJson.error(frame.firstSeq(), "not-durable", "events " + frame.firstSeq() + ".." + frame.lastSeq()
        + " could not be written to Kafka (" + error.getClass().getSimpleName() + "); resend them"));
    close(CloseCodes.NOT_DURABLE, "events not durable; resend what is not acked");
  }

  private void answer(String json) {
    Sinks.EmitResult result;
    synchronized (answers) {
      result = answers.tryEmitNext(json);
    }
    if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
      close(CloseCodes.POLICY_VIOLATION, "more than " + MAX_PENDING_ANSWERS + " answers not read");
    }
  }

  private void closeIfIdle(Duration idleTimeout) {
    Duration helloTimeout = services.properties().helloTimeout();
    if (!helloAccepted && System.nanoTime() - openedAtNanos > helloTimeout.toNanos()) {
      close(CloseCodes.IDLE, "no hello within " + helloTimeout.toSeconds() + " s");
      return;
    }
    boolean idle = System.nanoTime() - lastReceivedNanos > idleTimeout.toNanos() && window.inflight() == 0;
    if (idle) {
      close(CloseCodes.IDLE, "idle for more than " + idleTimeout.toSeconds() + " s");
    }
  }

  private void close(int code, String reason) {
    if (closing) {
      return;
    }
    closing = true;
    log.debug("Closing an ingest connection: {} {}", code, reason);
    closer.close(code, reason);
  }

  /** Shuts the connection down because the gateway stops. */
  void goingAway() {
    close(CloseCodes.GOING_AWAY, "gateway shutting down; reconnect");
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration idleCheckPeriod(Duration idleTimeout) {
    long millis = Math.max(100, Math.min(5_000, idleTimeout.toMillis() / 4));
    return Duration.ofMillis(millis);
  }
}
