package io.byproduct.gateway.ingest;

import io.byproduct.schemas.batch.Batches;
import io.byproduct.schemas.batch.InteractionBatch;
import io.byproduct.schemas.event.InteractionEvent;
import java.util.List;

/**
 * A frame that passed every check: its events, the batch record they become on the interactions
 * topic ({@code null} for a frame without events), and the image table it sets for the frames
 * after it ({@code null} if it sent none).
 */
record DecodedFrame(long firstSeq, List<InteractionEvent> events, InteractionBatch batch, List<String> imageTable) {

  DecodedFrame {
    events = List.copyOf(events);
  }

  /** The frame with its batch packed from its events (one session, page and gateway time; consecutive seqs). */
  static DecodedFrame of(long firstSeq, List<InteractionEvent> events, List<String> imageTable) {
    return new DecodedFrame(firstSeq, events, events.isEmpty() ? null : Batches.pack(events), imageTable);
  }

  /** Sequence number of the last event; {@code firstSeq - 1} for a frame without events. */
  long lastSeq() {
    return firstSeq + events.size() - 1;
  }

  int size() {
    return events.size();
  }
}
