package io.byproduct.analytics.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/** The file writers the exports use, for other commands' rows: Parquet (Snappy) and RFC 4180 CSV. */
public final class RowFiles {

  private RowFiles() {}

  /** A new Parquet file at {@code target} (replaced if it exists): three-level lists, Snappy. */
  public static ParquetWriter<Object> parquetWriter(Schema schema, Path target) throws IOException {
    Files.deleteIfExists(target);
    PlainParquetConfiguration conf = new PlainParquetConfiguration();
    // three-level lists, as Arrow, Spark and DuckDB write and expect them
    conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
    return AvroParquetWriter.builder(new LocalOutputFile(target))
        .withSchema(schema)
        .withDataModel(SpecificData.get())
        .withConf(conf)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.CREATE)
        .build();
  }

  /** Writes flat rows as Parquet. */
  public static void parquet(Schema schema, List<GenericRecord> rows, Path target) throws IOException {
    try (ParquetWriter<Object> writer = parquetWriter(schema, target)) {
      for (GenericRecord row : rows) {
        writer.write(row);
      }
    }
  }

  /** Writes flat rows as CSV: a header of the schema's field names, RFC 4180 quoting, missing values NA. */
  public static void csv(Schema schema, List<GenericRecord> rows, Path target) throws IOException {
    try (Writer out = new BufferedWriter(Files.newBufferedWriter(target, StandardCharsets.UTF_8), 1 << 16)) {
      List<Schema.Field> fields = schema.getFields();
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < fields.size(); i++) {
        line.append(i == 0 ? "" : ",").append(MousetrapCsv.field(fields.get(i).name()));
      }
      out.write(line.append('\n').toString());
      for (GenericRecord row : rows) {
        line.setLength(0);
        for (int i = 0; i < fields.size(); i++) {
          Object value = row.get(i);
          line.append(i == 0 ? "" : ",").append(MousetrapCsv.field(value instanceof Double d ? MousetrapCsv.decimal(d) : value));
        }
        out.write(line.append('\n').toString());
      }
    }
  }
}
