package io.byproduct.streamprocessor.topology;

import io.byproduct.schemas.deadletter.DeadLetterReason;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.serde.AvroSerde;
import io.byproduct.streamprocessor.folding.EventValidator;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Decodes raw interaction bytes and checks them; what cannot be used goes to the dead-letter sink
 * with the reason, everything else to the folding processor. Never throws on bad input, so a
 * poison record cannot stop the partition.
 */
final class ValidateProcessor implements Processor<String, byte[], String, Object> {

  private final AvroSerde<InteractionEvent> events;
  private ProcessorContext<String, Object> context;

  ValidateProcessor(AvroSerde<InteractionEvent> events) {
    this.events = events;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.value() == null) {
      deadLetter(record, DeadLetterReason.MISSING_VALUE, "the record has no value");
      return;
    }
    InteractionEvent event;
    try {
      event = events.decode(record.value());
    } catch (SerializationException e) {
      deadLetter(record, DeadLetterReason.UNDECODABLE, e.getMessage());
      return;
    }
    Optional<String> problem = EventValidator.problem(record.key(), event);
    if (problem.isPresent()) {
      deadLetter(record, DeadLetterReason.INVALID_EVENT, problem.get());
      return;
    }
    context.forward(record.withValue((Object) event), CaptureTopology.FOLD);
  }

  private void deadLetter(Record<String, byte[]> record, DeadLetterReason reason, String detail) {
    Object letter = DeadLetters.of(reason, detail, record.key(), record.value(),
        context.recordMetadata().orElse(null), context.currentSystemTimeMs());
    context.forward(record.withValue(letter), CaptureTopology.DEAD_LETTER_SINK);
  }
}
