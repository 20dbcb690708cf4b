package io.byproduct.gateway.ingest;

import static io.byproduct.gateway.ingest.JsonFields.MAX_SAFE_INTEGER;
import static io.byproduct.gateway.ingest.JsonFields.integer;

import io.byproduct.schemas.event.InteractionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks one event frame ({@code {"q":..,"p":..,"t0":..,"img":[..],"e":[[kind,dt,..],..]}})
 * against every rule of the wire format and expands it into {@code InteractionEvent}s, packed as
 * the one {@code InteractionBatch} the frame becomes on the interactions topic. A frame is accepted
 * whole or refused whole with a {@link Rejection}.
 */
final class FrameDecoder {

  static final int MAX_PAGE_NO = 9_999;
  private static final Set<String> FIELDS = new LinkedHashSet<>(List.of("q", "p", "t0", "img", "e"));

  private final int maxEventsPerFrame;
  private final long maxClockSkewMs;
  private final long maxEventOffsetMs;

  FrameDecoder(IngestProperties properties) {
    this.maxEventsPerFrame = properties.maxEventsPerFrame();
    this.maxClockSkewMs = properties.maxClockSkew().toMillis();
    this.maxEventOffsetMs = properties.maxEventOffset().toMillis();
  }

  /**
   * @param frame the frame object
   * @param where path of the frame in messages: {@code frame} on a WebSocket, {@code frames[2]} in
   *     an HTTP batch
   * @param session the connection's hello
   * @param images the image table in force before this frame, or {@code null}
   * @param now the gateway's clock, epoch ms (becomes every event's gatewayTime)
   */
  DecodedFrame decode(JsonNode frame, String where, SessionContext session, List<String> images, long now) {
    Long q = readableSeq(frame);
    try {
      return decodeChecked(frame, where, session, images, now);
    } catch (Rejection rejection) {
      throw rejection.firstSeq() == null && q != null
          ? new Rejection(rejection.reason(), q, rejection.getMessage()) : rejection;
    }
  }

  private DecodedFrame decodeChecked(JsonNode frame, String where, SessionContext session, List<String> images, long now) {
    if (!frame.isObject()) {
      throw Rejection.invalid(where + ": a frame must be a JSON object, was " + JsonFields.describe(frame));
    }
    JsonFields.onlyKnown(frame, where, FIELDS);
    JsonNode events = JsonFields.array(frame.get("e"), where, "e");
    if (events.size() > maxEventsPerFrame) {
      throw new Rejection(RejectReason.TOO_MANY_EVENTS, null,
          where + ": e has " + events.size() + " events, at most " + maxEventsPerFrame + " are allowed per frame");
    }
    long firstSeq = integer(frame.get("q"), where, "q", 1, MAX_SAFE_INTEGER - Math.max(0, events.size() - 1));
    int pageNo = JsonFields.intIn(frame.get("p"), where, "p", 1, MAX_PAGE_NO);
    long t0 = baseTime(frame.get("t0"), where, now);
    List<String> frameImages = JsonFields.absent(frame.get("img")) ? null : JsonFields.ids(frame.get("img"), where, "img");
    List<String> table = frameImages != null ? frameImages : images;

    List<InteractionEvent> decoded = new ArrayList<>(events.size());
    String prefix = eventPrefix(where);
    for (int k = 0; k < events.size(); k++) {
      String path = prefix + "e[" + k + "]";
      JsonNode event = events.get(k);
      EventKind kind = kindOf(event, path);
      long dt = integer(event.get(1), path + "[1]", "dt", 0, maxEventOffsetMs);
      long clientTime = t0 + dt;
      Object payload = PayloadDecoder.decode(kind, event, path, table, frameImages, clientTime);
      long seq = firstSeq + k;
      decoded.add(new InteractionEvent(session.sessionId() + ":" + seq, session.sessionId(), seq,
          session.annotationId(), session.hitDatasetName(), session.imageNetHitId(), pageNo,
          session.workerPseudonym(), session.assignmentId(), session.hitId(), session.version(),
          clientTime, now, payload));
    }
    return DecodedFrame.of(firstSeq, decoded, frameImages);
  }

  private long baseTime(JsonNode node, String where, long now) {
    long t0 = integer(node, where, "t0", 0, MAX_SAFE_INTEGER);
    if (Math.abs(t0 - now) > maxClockSkewMs) {
      throw Rejection.invalid(where + ": t0 must be within " + Duration.ofMillis(maxClockSkewMs)
          + " of the gateway's clock " + now + ", was " + t0 + " (" + Duration.ofMillis(t0 - now) + " off)");
    }
    return t0;
  }

  private static EventKind kindOf(JsonNode event, String path) {
    if (!event.isArray() || event.isEmpty()) {
      throw Rejection.invalid(path + ": an event must be a non-empty array [kind,dt,...], was "
          + (event.isArray() ? "an empty array" : JsonFields.describe(event)));
    }
    JsonNode kindNode = event.get(0);
    if (!kindNode.isIntegralNumber() || !kindNode.canConvertToLong()) {
      throw Rejection.invalid(path + "[0]: kind must be an integer 0.." + EventKind.highestCode()
          + ", was " + JsonFields.describe(kindNode));
    }
    EventKind kind = EventKind.ofCode(kindNode.longValue());
    if (kind == null) {
      throw new Rejection(RejectReason.UNKNOWN_KIND, null, path + "[0]: unknown kind " + kindNode.longValue()
          + " (known: 0.." + EventKind.highestCode() + ")");
    }
    if (event.size() != kind.arity()) {
      throw Rejection.invalid(path + ": " + kind.payload() + " must have " + kind.arity() + " elements "
          + kind.shape() + ", has " + event.size());
    }
    return kind;
  }

  /** The frame's q if it reads as a sequence number, for error answers; otherwise null. */
  static Long readableSeq(JsonNode frame) {
    JsonNode q = frame != null && frame.isObject() ? frame.get("q") : null;
    return q != null && q.isIntegralNumber() && q.canConvertToLong() && q.longValue() >= 1 ? q.longValue() : null;
  }

  /** Prefix of event paths: none on a WebSocket ({@code e[3][4]}), the frame's path in a batch. */
  private static String eventPrefix(String where) {
    return "frame".equals(where) ? "" : where + ".";
  }
}
