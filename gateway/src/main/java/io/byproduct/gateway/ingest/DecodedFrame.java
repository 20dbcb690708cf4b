package io.byproduct.gateway.ingest;

import io.byproduct.schemas.event.InteractionEvent;
import java.util.List;

/**
 * A frame that passed every check: its events, ready for Kafka, and the image table it sets for
 * the frames after it ({@code null} if it sent none).
 */
record DecodedFrame(long firstSeq, List<InteractionEvent> events, List<String> imageTable) {

  DecodedFrame {
    events = List.copyOf(events);
  }

  /** Sequence number of the last event; {@code firstSeq - 1} for a frame without events. */
  long lastSeq() {
    return firstSeq + events.size() - 1;
  }

  int size() {
    return events.size();
  }
}
