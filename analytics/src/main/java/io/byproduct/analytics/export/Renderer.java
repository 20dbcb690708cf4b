package io.byproduct.analytics.export;

import io.byproduct.schemas.json.RecordJson;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.record.PageRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.parquet.hadoop.ParquetWriter;

/** Turns a finished work file (the selected pages or events, in Avro) into the requested format. */
final class Renderer {

  private Renderer() {}

  /** The Avro schema of an export's rows. */
  static Schema rowSchema(What what) {
    return switch (what) {
      case PAGES -> PageRecord.getClassSchema();
      case IMAGES -> ImageRows.SCHEMA;
      case EVENTS -> InteractionEvent.getClassSchema();
    };
  }

  /** The schema of the work file's records. */
  static Schema sourceSchema(What what) {
    return what == What.EVENTS ? InteractionEvent.getClassSchema() : PageRecord.getClassSchema();
  }

  /** Writes {@code target} (a new file) from the work file {@code spool}, or moves the work file there when it already is the output. */
  static void render(What what, Format format, Path spool, Path target) throws IOException {
    if (format == Format.AVRO && what != What.IMAGES) {
      Files.move(spool, target, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    switch (format) {
      case AVRO -> avro(what, spool, target);
      case PARQUET -> parquet(what, spool, target);
      case JSONL -> jsonLines(what, spool, target);
      case MOUSETRAP_CSV -> mousetrap(what, spool, target);
    }
  }

  @FunctionalInterface
  private interface RecordConsumer {
    void accept(SpecificRecord record) throws IOException;
  }

  private static void forEach(What what, Path spool, RecordConsumer consumer) throws IOException {
    Schema schema = sourceSchema(what);
    try (DataFileReader<SpecificRecord> reader = new DataFileReader<>(spool.toFile(),
        new SpecificDatumReader<>(schema, schema, SpecificData.get()))) {
      while (reader.hasNext()) {
        consumer.accept(reader.next());
      }
    }
  }

  private static List<?> rows(What what, SpecificRecord record) {
    return what == What.IMAGES ? ImageRows.of((PageRecord) record) : List.of(record);
  }

  private static void avro(What what, Path spool, Path target) throws IOException {
    Schema schema = rowSchema(what);
    try (DataFileWriter<Object> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema, SpecificData.get()))) {
      writer.setCodec(CodecFactory.deflateCodec(6));
      writer.create(schema, target.toFile());
      forEach(what, spool, record -> {
        for (Object row : rows(what, record)) {
          writer.append(row);
        }
      });
    }
  }

  private static void parquet(What what, Path spool, Path target) throws IOException {
    try (ParquetWriter<Object> writer = RowFiles.parquetWriter(rowSchema(what), target)) {
      forEach(what, spool, record -> {
        for (Object row : rows(what, record)) {
          writer.write(row);
        }
      });
    }
  }

  private static void jsonLines(What what, Path spool, Path target) throws IOException {
    try (Writer out = writer(target)) {
      forEach(what, spool, record -> {
        if (what == What.EVENTS) {
          line(out, RecordJson.avro(record));
        } else if (what == What.PAGES) {
          line(out, RecordJson.page((PageRecord) record));
        } else {
          PageRecord page = (PageRecord) record;
          for (int i = 0; i < page.getImages().size(); i++) {
            line(out, imageOf(page, i));
          }
        }
      });
    }
  }

  private static void line(Writer out, Object node) throws IOException {
    out.write(RecordJson.MAPPER.writeValueAsString(node));
    out.write('\n');
  }

  private static void mousetrap(What what, Path spool, Path target) throws IOException {
    try (Writer out = writer(target)) {
      MousetrapCsv csv = new MousetrapCsv(out, what == What.EVENTS);
      forEach(what, spool, record -> {
        if (record instanceof PageRecord page) {
          csv.page(page);
        } else {
          csv.event((InteractionEvent) record);
        }
      });
    }
  }

  private static Writer writer(Path target) throws IOException {
    return new BufferedWriter(Files.newBufferedWriter(target, StandardCharsets.UTF_8), 1 << 16);
  }

  /** The image at {@code position} of a page: the seed's record, its page's context, its position and the page's status. */
  static tools.jackson.databind.node.ObjectNode imageOf(PageRecord page, int position) {
    tools.jackson.databind.node.ObjectNode node = RecordJson.image(page.getImages().get(position), page.getAnnotationId(),
        page.getPageNo(), page.getHitDatasetName(), page.getImageNetHitId());
    node.put("position", position);
    node.put("status", page.getStatus().name());
    RecordJson.putNullable(node, "version", page.getVersion());
    return node;
  }
}
