package io.byproduct.streamprocessor.topology;

import io.byproduct.schemas.deadletter.DeadLetterReason;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.record.AnnotationRecord;
import io.byproduct.schemas.record.ImageUpdate;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.serde.AvroSerde;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Where the fold's results go: the annotations, images and pages sinks, and the dead letters of
 * events it refuses (with the {@value #STATE_LIMIT} sensor). The one place the fold forwards.
 */
final class FoldOutput {

  /** Dead-letter reason (and sensor) of an event that would take a page past a {@code StateLimits} bound. */
  static final String STATE_LIMIT = DeadLetterReason.STATE_LIMIT.code();

  private final ProcessorContext<String, Object> context;
  private final AvroSerde<InteractionEvent> events;
  private final AvroSerde<PageRecord> pageRecords = AvroSerde.of(PageRecord.class);
  private final int maxPageBytes;
  private final Sensor overLimit;

  FoldOutput(ProcessorContext<String, Object> context, AvroSerde<InteractionEvent> events, int maxPageBytes) {
    this.context = context;
    this.events = events;
    this.maxPageBytes = maxPageBytes;
    this.overLimit = context.metrics().addRateTotalSensor("byproduct", "fold-pages-" + context.taskId(),
        STATE_LIMIT, Sensor.RecordingLevel.INFO);
  }

  void annotation(AnnotationRecord annotation, long timestamp) {
    context.forward(new Record<>(annotation.getId(), (Object) annotation, timestamp), CaptureTopology.ANNOTATIONS_SINK);
  }

  void imageUpdate(ImageUpdate update, long timestamp) {
    context.forward(new Record<>(update.getAnnotationId(), (Object) update, timestamp), CaptureTopology.IMAGES_SINK);
  }

  /**
   * The page to the pages topic, or, if it is larger than the producer may send, to the dead letters
   * ({@value UnproducibleOutputHandler#REASON}): under exactly-once a record the producer refuses
   * aborts the transaction, whatever the production exception handler answers, and the task would
   * fold the same input and fail again for ever. The state limits keep pages far below this.
   */
  void page(PageRecord out, long timestamp) {
    byte[] encoded = pageRecords.encode(out);
    if (encoded.length <= maxPageBytes) {
      context.forward(new Record<>(out.getAnnotationId(), (Object) out, timestamp), CaptureTopology.PAGES_SINK);
      return;
    }
    Object letter = DeadLetters.of(DeadLetterReason.UNPRODUCIBLE_OUTPUT, "page " + out.getPageNo() + " of annotation "
        + out.getAnnotationId() + " is " + encoded.length + " bytes, more than the " + maxPageBytes
        + " a page record may have; it was not written to the pages topic", out.getAnnotationId(), encoded,
        context.recordMetadata().orElse(null), context.currentSystemTimeMs());
    context.forward(new Record<>(out.getAnnotationId(), letter, timestamp), CaptureTopology.DEAD_LETTER_SINK);
  }

  /** The event was not folded because it would pass a state limit ({@code detail} says which). */
  void overLimit(Record<String, InteractionEvent> record, String detail) {
    overLimit.record();
    refused(record, DeadLetterReason.STATE_LIMIT, detail);
  }

  /** The event was not folded, for {@code reason}. */
  void refused(Record<String, InteractionEvent> record, DeadLetterReason reason, String detail) {
    Object letter = DeadLetters.of(reason, detail, record.key(), events.encode(record.value()),
        context.recordMetadata().orElse(null), context.currentSystemTimeMs());
    context.forward(record.withValue(letter), CaptureTopology.DEAD_LETTER_SINK);
  }

  void close() {
    context.metrics().removeSensor(overLimit);
  }
}
