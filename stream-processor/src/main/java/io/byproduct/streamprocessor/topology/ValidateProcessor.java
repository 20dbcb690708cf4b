package io.byproduct.streamprocessor.topology;

import io.byproduct.schemas.batch.Batches;
import io.byproduct.schemas.batch.InteractionBatch;
import io.byproduct.schemas.batch.InteractionRecords;
import io.byproduct.schemas.deadletter.DeadLetterReason;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.serde.AvroSerde;
import io.byproduct.streamprocessor.folding.EventValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Decodes raw interaction bytes — an {@code InteractionBatch} (one frame) or a single
 * {@code InteractionEvent} (the older format, a batch of one) — and checks every event; what cannot
 * be used goes to the dead-letter sink with the reason, the good events of the record go on to the
 * folding processor together, as one {@link EventBatch}. A bad event does not hold back its
 * neighbours. Never throws on bad input, so a poison record cannot stop the partition.
 */
final class ValidateProcessor implements Processor<String, byte[], String, Object> {

  private final AvroSerde<InteractionEvent> events = InteractionRecords.events();
  private ProcessorContext<String, Object> context;

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.value() == null) {
      deadLetter(record, DeadLetterReason.MISSING_VALUE, "the record has no value", record.value());
      return;
    }
    Object decoded;
    try {
      decoded = InteractionRecords.decode(record.value());
    } catch (SerializationException e) {
      deadLetter(record, DeadLetterReason.UNDECODABLE, e.getMessage(), record.value());
      return;
    }
    List<InteractionEvent> good = decoded instanceof InteractionBatch batch
        ? checked(record, batch) : checked(record, (InteractionEvent) decoded);
    if (!good.isEmpty()) {
      context.forward(record.withValue((Object) new EventBatch(good)), CaptureTopology.FOLD);
    }
  }

  private List<InteractionEvent> checked(Record<String, byte[]> record, InteractionEvent event) {
    Optional<String> problem = EventValidator.problem(record.key(), event);
    if (problem.isPresent()) {
      deadLetter(record, DeadLetterReason.INVALID_EVENT, problem.get(), record.value());
      return List.of();
    }
    return List.of(event);
  }

  private List<InteractionEvent> checked(Record<String, byte[]> record, InteractionBatch batch) {
    List<Batches.Unfolded> entries = Batches.entries(batch);
    List<InteractionEvent> good = new ArrayList<>(entries.size());
    for (Batches.Unfolded entry : entries) {
      if (!entry.valid()) {
        deadLetter(record, DeadLetterReason.INVALID_EVENT, "batch of session " + batch.getSessionId() + ": "
            + entry.problem(), record.value());
        continue;
      }
      Optional<String> problem = EventValidator.problem(record.key(), entry.event());
      if (problem.isPresent()) {
        deadLetter(record, DeadLetterReason.INVALID_EVENT, "event " + entry.event().getEventId() + " of a batch: "
            + problem.get(), events.encode(entry.event()));
      } else {
        good.add(entry.event());
      }
    }
    return good;
  }

  private void deadLetter(Record<String, byte[]> record, DeadLetterReason reason, String detail, byte[] payload) {
    Object letter = DeadLetters.of(reason, detail, record.key(), payload,
        context.recordMetadata().orElse(null), context.currentSystemTimeMs());
    context.forward(record.withValue(letter), CaptureTopology.DEAD_LETTER_SINK);
  }
}
