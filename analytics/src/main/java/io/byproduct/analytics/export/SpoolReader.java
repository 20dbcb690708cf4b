package io.byproduct.analytics.export;

import io.byproduct.analytics.export.table.PageVersions;
import io.byproduct.analytics.export.table.SeenEvents;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.record.PageRecord;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads a finished work file: its pages, or its events in topic order with resends and replaced
 * pages marked. The one place an export reads the selected events back as {@code InteractionEvent}s.
 */
final class SpoolReader {

  private SpoolReader() {}

  @FunctionalInterface
  interface PageHandler {
    void accept(PageRecord page) throws IOException;
  }

  @FunctionalInterface
  interface EventHandler {
    /**
     * @param pageReplaced the event's page was shown again in a later page load
     * @param resent a second or later copy of its {@code (session, seq)} (only when not de-duplicating)
     */
    void accept(InteractionEvent event, boolean pageReplaced, boolean resent) throws IOException;
  }

  @FunctionalInterface
  private interface RecordHandler {
    void accept(SpecificRecord record) throws IOException;
  }

  static Schema schemaOf(What what) {
    return what.fromEvents() ? InteractionEvent.getClassSchema() : PageRecord.getClassSchema();
  }

  static void pages(Path spool, PageHandler handler) throws IOException {
    each(spool, PageRecord.getClassSchema(), r -> handler.accept((PageRecord) r));
  }

  /** Two passes: the first finds the replaced page loads, the second hands over the events (resends dropped if {@code dedupe}). */
  static void events(Path spool, boolean dedupe, EventHandler handler) throws IOException {
    Schema schema = InteractionEvent.getClassSchema();
    PageVersions versions = new PageVersions();
    each(spool, schema, r -> versions.observe((InteractionEvent) r));
    SeenEvents seen = new SeenEvents();
    each(spool, schema, r -> {
      InteractionEvent e = (InteractionEvent) r;
      boolean first = seen.first(e.getSessionId(), e.getSeq());
      if (first || !dedupe) {
        handler.accept(e, versions.replaced(e), !first);
      }
    });
  }

  private static void each(Path spool, Schema schema, RecordHandler handler) throws IOException {
    try (DataFileReader<SpecificRecord> reader = new DataFileReader<>(spool.toFile(),
        new SpecificDatumReader<>(schema, schema, SpecificData.get()))) {
      while (reader.hasNext()) {
        handler.accept(reader.next());
      }
    }
  }
}
