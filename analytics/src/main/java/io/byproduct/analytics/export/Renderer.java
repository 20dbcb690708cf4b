package io.byproduct.analytics.export;

import io.byproduct.analytics.export.table.EventTable;
import io.byproduct.analytics.export.table.PageTables;
import io.byproduct.analytics.export.table.RowFiles;
import io.byproduct.analytics.export.table.RowSink;
import io.byproduct.analytics.export.table.Table;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/** Turns a finished work file (the selected pages or events, in Avro) into the requested table and format. */
final class Renderer {

  private Renderer() {}

  /** The table an export writes (null for nested and mousetrap exports). */
  static Table tableOf(ExportSettings settings) {
    if (settings.nested() || settings.format() == Format.MOUSETRAP_CSV) {
      return null;
    }
    return settings.what().fromEvents() ? EventTable.TABLE : settings.what().pageTable().table();
  }

  /** Writes {@code target} (a new file) from the work file {@code spool}; returns the rows written. */
  static long render(ExportSettings settings, Path spool, Path target) throws IOException {
    if (settings.nested()) {
      return NestedFiles.render(settings, spool, target);
    }
    if (settings.format() == Format.MOUSETRAP_CSV) {
      return mousetrap(settings, spool, target);
    }
    Table table = tableOf(settings);
    try (RowSink sink = RowFiles.open(kind(settings.format()), table, target)) {
      if (settings.what().fromEvents()) {
        SpoolReader.events(spool, settings.dedupe(), (e, replaced, resent) ->
            sink.write(EventTable.row(e, replaced, resent)));
      } else {
        PageTables.Rows rows = settings.what().pageTable().rows();
        SpoolReader.pages(spool, page -> {
          IOException[] failed = {null};
          rows.of(page, row -> {
            try {
              sink.write(row);
            } catch (IOException e) {
              failed[0] = e;
            }
          });
          if (failed[0] != null) {
            throw failed[0];
          }
        });
      }
      return sink.rows();
    }
  }

  private static RowFiles.Kind kind(Format format) {
    return switch (format) {
      case JSONL -> RowFiles.Kind.JSONL;
      case CSV -> RowFiles.Kind.CSV;
      case AVRO -> RowFiles.Kind.AVRO;
      case PARQUET -> RowFiles.Kind.PARQUET;
      case MOUSETRAP_CSV -> throw new IllegalArgumentException("not a table format");
    };
  }

  private static long mousetrap(ExportSettings settings, Path spool, Path target) throws IOException {
    try (Writer out = RowFiles.writer(target)) {
      if (settings.what().fromEvents()) {
        MousetrapCsv csv = new MousetrapCsv(out, EventTrials.COLUMNS);
        EventTrials trials = new EventTrials(csv);
        SpoolReader.events(spool, settings.dedupe(), (e, replaced, resent) -> trials.event(e, replaced));
        trials.finish();
        return csv.rows();
      }
      MousetrapCsv csv = new MousetrapCsv(out, RecordTrials.COLUMNS);
      RecordTrials trials = new RecordTrials(csv);
      SpoolReader.pages(spool, trials::page);
      return csv.rows();
    }
  }
}
