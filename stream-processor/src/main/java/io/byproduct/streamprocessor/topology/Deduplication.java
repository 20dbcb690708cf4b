package io.byproduct.streamprocessor.topology;

import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.state.SeenEvents;
import io.byproduct.streamprocessor.folding.LimitCheck;
import io.byproduct.streamprocessor.folding.SeqRanges;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Lets each event through once: per annotation and browser session, the sequence numbers already
 * folded are kept as a few ranges ({@code seen-events}); a resent event, in any order, is dropped,
 * and a session past {@code seq-ranges-per-session} gaps is refused as a state limit.
 */
final class Deduplication {

  private final DecodedValues<SeenEvents> seen;
  private final LimitCheck limits;
  private final FoldOutput output;

  Deduplication(DecodedValues<SeenEvents> seen, LimitCheck limits, FoldOutput output) {
    this.seen = seen;
    this.limits = limits;
    this.output = output;
  }

  /** @return whether the event is folded for the first time (not a resend, not past the session's limit) */
  boolean firstTime(Record<String, InteractionEvent> record) {
    InteractionEvent e = record.value();
    String key = StateKeys.sessionKey(e.getAnnotationId(), e.getSessionId());
    SeenEvents session = seen.get(key);
    if (session == null) {
      session = new SeenEvents(SeqRanges.empty(), 0L);
    }
    Optional<String> gaps = limits.seqRanges(session.getRanges(), e.getSeq());
    if (gaps.isPresent()) {
      output.overLimit(record, "session " + e.getSessionId() + " of annotation " + e.getAnnotationId() + " "
          + gaps.get() + "; event " + e.getEventId() + " was not folded");
      return false;
    }
    if (!SeqRanges.add(session.getRanges(), e.getSeq())) {
      return false;
    }
    session.setLastSeenAt(Math.max(session.getLastSeenAt(), e.getGatewayTime()));
    seen.put(key, session);
    return true;
  }

  /** Forgets the sessions last seen (gateway time) before {@code horizon}: their resends are no longer recognised. */
  void forgetSeenBefore(long horizon) {
    seen.deleteIf(session -> session.getLastSeenAt() < horizon);
  }
}
