package io.byproduct.analytics.export;

import io.byproduct.schemas.batch.InteractionRecords;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.serde.AvroSerde;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The one place an export decodes what it reads from a topic: a record of {@code pages} is one
 * {@code PageRecord}; a record of {@code interactions} is a list of v1 {@code InteractionEvent}s
 * (a batch unfolded, or one event of the older per-event format).
 */
final class SourceRecords {

  private final AvroSerde<PageRecord> pages = AvroSerde.of(PageRecord.class);

  /** The events of one record of {@code interactions}; throws {@link SerializationException} if it is not one. */
  List<InteractionEvent> events(byte[] value) {
    return InteractionRecords.events(value);
  }

  /** The page of one record of {@code pages}; throws {@link SerializationException} if it is not one. */
  PageRecord page(byte[] value) {
    return pages.decode(value);
  }
}
