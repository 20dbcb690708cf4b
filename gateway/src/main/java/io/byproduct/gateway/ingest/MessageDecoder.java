package io.byproduct.gateway.ingest;

import java.time.Clock;
import tools.jackson.databind.JsonNode;

/**
 * Decodes one WebSocket message in its session: size, JSON, then a hello or a frame. Updates the
 * session only when the message is accepted; otherwise throws a {@link Rejection} that knows the
 * annotation id (if any) to key the dead letter with.
 */
final class MessageDecoder {

  private final HelloDecoder hellos;
  private final FrameDecoder frames;
  private final int maxFrameBytes;
  private final Clock clock;

  MessageDecoder(HelloDecoder hellos, FrameDecoder frames, IngestProperties properties, Clock clock) {
    this.hellos = hellos;
    this.frames = frames;
    this.maxFrameBytes = properties.maxFrameBytes();
    this.clock = clock;
  }

  /** Accepted: a hello (nothing to write) or a frame of events (possibly none). */
  sealed interface Decoded permits HelloAccepted, FrameAccepted {}

  record HelloAccepted(SessionContext context) implements Decoded {}

  record FrameAccepted(DecodedFrame frame) implements Decoded {}

  Decoded decode(InboundMessage message, IngestSession session) {
    if (message.size() > maxFrameBytes) {
      throw new Rejection(RejectReason.OVERSIZED_FRAME, null, "message: " + message.size()
          + " bytes, at most " + maxFrameBytes + " are allowed").withKey(session.annotationId());
    }
    JsonNode tree;
    try {
      tree = WireJson.parse(message.bytes());
    } catch (Rejection malformed) {
      throw malformed.withKey(session.annotationId());
    }
    if (tree.isObject() && tree.has("hello")) {
      return hello(tree, session);
    }
    if (!session.hasHello()) {
      throw new Rejection(RejectReason.MISSING_HELLO, FrameDecoder.readableSeq(tree),
          "frame before hello: a connection starts with {\"hello\":{...}}");
    }
    try {
      DecodedFrame frame = frames.decode(tree, "frame", session.context(), session.images(), clock.millis());
      session.accepted(frame);
      return new FrameAccepted(frame);
    } catch (Rejection rejection) {
      throw rejection.withKey(session.annotationId());
    }
  }

  private Decoded hello(JsonNode tree, IngestSession session) {
    JsonNode hello = tree.get("hello");
    String key = session.hasHello() ? session.annotationId() : HelloDecoder.annotationIdOf(hello);
    if (tree.size() != 1) {
      throw Rejection.invalid("message: a hello message holds only 'hello', found " + tree.size() + " fields").withKey(key);
    }
    if (session.hasHello()) {
      throw new Rejection(RejectReason.DUPLICATE_HELLO, null,
          "hello: this connection already has a hello; open a new connection for another session").withKey(key);
    }
    try {
      SessionContext context = hellos.decode(hello);
      session.hello(context);
      return new HelloAccepted(context);
    } catch (Rejection rejection) {
      throw rejection.withKey(key);
    }
  }
}
