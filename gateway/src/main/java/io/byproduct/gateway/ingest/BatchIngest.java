package io.byproduct.gateway.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP fallback: a body {@code {"hello":{...},"frames":[{frame},...]}} is checked whole
 * first; one bad frame (or a bad hello) refuses the whole batch and nothing of it is written. A
 * good batch is written, one record per frame ({@code InteractionBatch}), and answered with the highest seq in it once all of it is durable.
 */
final class BatchIngest {

  /** The outcome when Kafka did not take the events. */
  static final class NotDurable extends RuntimeException {
    NotDurable(Throwable cause) {
      super("the events could not be written to Kafka (" + cause.getClass().getSimpleName() + "); resend them", cause);
    }
  }

  private static final Set<String> FIELDS = Set.of("hello", "frames");

  private final HelloDecoder hellos;
  private final FrameDecoder frames;
  private final IngestServices services;
  private final Clock clock;

  BatchIngest(HelloDecoder hellos, FrameDecoder frames, IngestServices services, Clock clock) {
    this.hellos = hellos;
    this.frames = frames;
    this.services = services;
    this.clock = clock;
  }

  /**
   * @return the ack: the highest seq of the batch (0 if it held no events), once all are durable;
   *     or an error: a {@link Rejection} (already counted and dead-lettered) or {@link NotDurable}
   */
  Mono<Long> ingest(byte[] body, long receivedAtNanos) {
    List<DecodedFrame> frames;
    long ack;
    int count;
    try {
      Batch batch = decode(body);
      frames = batch.frames();
      ack = batch.highestSeq();
      count = batch.events();
    } catch (Rejected rejected) {
      services.metrics().rejected(rejected.rejection.reason());
      services.deadLetters().write(DeadLetters.HTTP, rejected.rejection, rejected.payload, rejected.payload.length);
      return Mono.error(rejected.rejection);
    }
    if (count == 0) {
      return Mono.just(ack);
    }
    return Mono.fromCallable(() -> {
          services.metrics().inflight().addAndGet(count);
          return services.publisher().publishFrames(frames);
        })
        .subscribeOn(services.sender())
        .flatMap(Mono::fromFuture)
        .doFinally(signal -> services.metrics().inflight().addAndGet(-count))
        .onErrorMap(error -> !(error instanceof NotDurable), NotDurable::new)
        .then(Mono.fromCallable(() -> {
          services.metrics().accepted(count);
          services.metrics().acked(receivedAtNanos);
          return ack;
        }));
  }

  private record Batch(List<DecodedFrame> frames, long highestSeq, int events) {}

  /** A rejection with the bytes to dead-letter: the bad frame or hello if known, else the body. */
  private static final class Rejected extends RuntimeException {
    private final Rejection rejection;
    private final byte[] payload;

    Rejected(Rejection rejection, byte[] payload) {
      super(rejection.getMessage(), null, false, false);
      this.rejection = rejection;
      this.payload = payload;
    }
  }

  private Batch decode(byte[] body) {
    JsonNode tree;
    try {
      tree = WireJson.parse(body);
    } catch (Rejection malformed) {
      throw new Rejected(malformed, body);
    }
    String key = tree.isObject() ? HelloDecoder.annotationIdOf(tree.get("hello")) : null;
    IngestSession session = new IngestSession();
    try {
      if (!tree.isObject()) {
        throw Rejection.invalid("body: must be an object {\"hello\":{...},\"frames\":[...]}, was " + JsonFields.describe(tree));
      }
      JsonFields.onlyKnown(tree, "body", FIELDS);
      if (JsonFields.absent(tree.get("hello"))) {
        throw new Rejection(RejectReason.MISSING_HELLO, null, "body: hello is required");
      }
      JsonFields.array(tree.get("frames"), "body", "frames");
    } catch (Rejection rejection) {
      throw new Rejected(rejection.withKey(key), body);
    }
    try {
      session.hello(hellos.decode(tree.get("hello")));
    } catch (Rejection rejection) {
      throw new Rejected(rejection.withKey(key), WireJson.bytes(tree.get("hello")));
    }
    JsonNode frameNodes = tree.get("frames");
    List<DecodedFrame> decoded = new ArrayList<>();
    int events = 0;
    long highestSeq = 0;
    long now = clock.millis();
    for (int i = 0; i < frameNodes.size(); i++) {
      JsonNode frameNode = frameNodes.get(i);
      try {
        DecodedFrame frame = frames.decode(frameNode, "frames[" + i + "]", session.context(), session.images(), now);
        session.accepted(frame);
        decoded.add(frame);
        events += frame.size();
        highestSeq = Math.max(highestSeq, frame.lastSeq());
      } catch (Rejection rejection) {
        throw new Rejected(rejection.withKey(session.annotationId()), WireJson.bytes(frameNode));
      }
    }
    return new Batch(decoded, highestSeq, events);
  }
}
