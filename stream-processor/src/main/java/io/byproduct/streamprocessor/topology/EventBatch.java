package io.byproduct.streamprocessor.topology;

import io.byproduct.schemas.event.InteractionEvent;
import java.util.List;

/** The valid events of one input record (a frame's batch, or a single event), in order, handed to the fold together. */
record EventBatch(List<InteractionEvent> events) {

  EventBatch {
    events = List.copyOf(events);
  }
}
