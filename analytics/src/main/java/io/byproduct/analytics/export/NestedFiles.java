package io.byproduct.analytics.export;

import io.byproduct.analytics.export.table.RowFiles;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.json.RecordJson;
import io.byproduct.schemas.record.PageRecord;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --nested}: the stored records' own shape — pages as {@code PageRecord} (JSONL: the seed's
 * JSON, as DynamoDB stores them), images as {@code ImageRow} (the record nested under the page's
 * context), events as {@code InteractionEvent} (the payload a union). For tools that want the
 * contract; analysts want the flat tables.
 */
final class NestedFiles {

  private NestedFiles() {}

  /** The Avro schema of a nested export's rows. */
  static Schema rowSchema(What what) {
    return switch (what) {
      case PAGES -> PageRecord.getClassSchema();
      case IMAGES -> ImageRows.SCHEMA;
      case EVENTS -> InteractionEvent.getClassSchema();
      default -> throw new IllegalArgumentException("no nested shape for " + what);
    };
  }

  @FunctionalInterface
  private interface RowHandler {
    void accept(Object row) throws IOException;
  }

  /** Every nested row of the work file: pages, one row per image, or the events (resends dropped if asked). */
  private static void rows(ExportSettings settings, Path spool, RowHandler handler) throws IOException {
    switch (settings.what()) {
      case EVENTS -> SpoolReader.events(spool, settings.dedupe(), (e, replaced, resent) -> handler.accept(e));
      case IMAGES -> SpoolReader.pages(spool, page -> {
        for (Object row : ImageRows.of(page)) {
          handler.accept(row);
        }
      });
      default -> SpoolReader.pages(spool, handler::accept);
    }
  }

  static long render(ExportSettings settings, Path spool, Path target) throws IOException {
    long[] rows = {0};
    switch (settings.format()) {
      case AVRO -> avro(settings, spool, target, rows);
      case PARQUET -> parquet(settings, spool, target, rows);
      case JSONL -> jsonLines(settings, spool, target, rows);
      default -> throw new IllegalArgumentException("--nested is jsonl, avro or parquet");
    }
    return rows[0];
  }

  private static void avro(ExportSettings settings, Path spool, Path target, long[] rows) throws IOException {
    Schema schema = rowSchema(settings.what());
    try (DataFileWriter<Object> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema, SpecificData.get()))) {
      writer.setCodec(CodecFactory.deflateCodec(6));
      writer.create(schema, target.toFile());
      rows(settings, spool, row -> {
        writer.append(row);
        rows[0]++;
      });
    }
  }

  private static void parquet(ExportSettings settings, Path spool, Path target, long[] rows) throws IOException {
    Files.deleteIfExists(target);
    PlainParquetConfiguration conf = new PlainParquetConfiguration();
    // three-level lists, as Arrow, Spark and DuckDB write and expect them
    conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
    try (ParquetWriter<Object> writer = AvroParquetWriter.builder(new LocalOutputFile(target))
        .withSchema(StringEnums.of(rowSchema(settings.what())))
        .withDataModel(SpecificData.get())
        .withConf(conf)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.CREATE)
        .build()) {
      rows(settings, spool, row -> {
        writer.write(row);
        rows[0]++;
      });
    }
  }

  private static void jsonLines(ExportSettings settings, Path spool, Path target, long[] rows) throws IOException {
    try (Writer out = RowFiles.writer(target)) {
      if (settings.what() == What.IMAGES) {
        SpoolReader.pages(spool, page -> {
          for (int i = 0; i < page.getImages().size(); i++) {
            line(out, imageOf(page, i));
            rows[0]++;
          }
        });
        return;
      }
      rows(settings, spool, row -> {
        line(out, row instanceof PageRecord page ? RecordJson.page(page) : RecordJson.avro((InteractionEvent) row));
        rows[0]++;
      });
    }
  }

  private static void line(Writer out, Object node) throws IOException {
    out.write(RecordJson.MAPPER.writeValueAsString(node));
    out.write('\n');
  }

  /** The image at {@code position} of a page: the seed's record, its page's context, its position and the page's status. */
  static ObjectNode imageOf(PageRecord page, int position) {
    ObjectNode node = RecordJson.image(page.getImages().get(position), page.getAnnotationId(), page.getPageNo(),
        page.getHitDatasetName(), page.getImageNetHitId());
    node.put("position", position);
    node.put("status", page.getStatus().name());
    RecordJson.putNullable(node, "version", page.getVersion());
    return node;
  }

}
