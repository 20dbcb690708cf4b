package io.byproduct.analytics.export.table;

import io.byproduct.schemas.json.RecordJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import tools.jackson.databind.node.ObjectNode;

/** Writers of flat tables: the same columns as JSONL, CSV, Avro or Parquet. */
public final class RowFiles {

  /** The file formats of a flat table. */
  public enum Kind {
    JSONL, CSV, AVRO, PARQUET
  }

  private RowFiles() {}

  public static RowSink open(Kind kind, Table table, Path file) throws IOException {
    return switch (kind) {
      case JSONL -> new Jsonl(table, writer(file));
      case CSV -> new Csv(table, writer(file));
      case AVRO -> new Avro(table, file);
      case PARQUET -> new Parquet(table, file);
    };
  }

  public static Writer writer(Path file) throws IOException {
    return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
  }

  /** Plain decimal notation (never 1.0E-4), as short as the double allows. */
  public static String decimal(double value) {
    if (value == 0) {
      return "0";
    }
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** RFC 4180 field: quoted when it holds a comma, quote or line break. */
  public static String quoted(String text) {
    if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }

  private abstract static class Counting implements RowSink {
    long rows;

    @Override
    public long rows() {
      return rows;
    }
  }

  /** One JSON object per line, every column present (null as null), snake_case keys. */
  private static final class Jsonl extends Counting {
    private final Table table;
    private final Writer out;

    Jsonl(Table table, Writer out) {
      this.table = table;
      this.out = out;
    }

    @Override
    public void write(Object[] row) throws IOException {
      ObjectNode node = RecordJson.MAPPER.createObjectNode();
      for (int i = 0; i < row.length; i++) {
        String name = table.columns().get(i).name();
        Object v = row[i];
        if (v == null) {
          node.putNull(name);
        } else if (v instanceof String s) {
          node.put(name, s);
        } else if (v instanceof Integer n) {
          node.put(name, n);
        } else if (v instanceof Long n) {
          node.put(name, n);
        } else if (v instanceof Double d) {
          node.put(name, d);
        } else if (v instanceof Boolean b) {
          node.put(name, b);
        } else {
          node.put(name, v.toString());
        }
      }
      out.write(RecordJson.MAPPER.writeValueAsString(node));
      out.write('\n');
      rows++;
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** RFC 4180 CSV with a header; null is an empty field, booleans true/false. */
  private static final class Csv extends Counting {
    private final Writer out;

    Csv(Table table, Writer out) throws IOException {
      this.out = out;
      out.write(String.join(",", table.names()));
      out.write('\n');
    }

    @Override
    public void write(Object[] row) throws IOException {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          line.append(',');
        }
        Object v = row[i];
        if (v instanceof Double d) {
          line.append(decimal(d));
        } else if (v != null) {
          line.append(quoted(v.toString()));
        }
      }
      line.append('\n');
      out.write(line.toString());
      rows++;
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  private static GenericRecord record(Schema schema, Object[] row) {
    GenericData.Record record = new GenericData.Record(schema);
    for (int i = 0; i < row.length; i++) {
      record.put(i, row[i]);
    }
    return record;
  }

  /** Avro object container file, deflate, the schema embedded. */
  private static final class Avro extends Counting {
    private final Schema schema;
    private final DataFileWriter<GenericRecord> writer;

    Avro(Table table, Path file) throws IOException {
      schema = table.avroSchema();
      writer = new DataFileWriter<>(new GenericDatumWriter<>(schema));
      writer.setCodec(CodecFactory.deflateCodec(6));
      writer.create(schema, file.toFile());
    }

    @Override
    public void write(Object[] row) throws IOException {
      writer.append(record(schema, row));
      rows++;
    }

    @Override
    public void close() throws IOException {
      writer.close();
    }
  }

  /** Parquet (Snappy): strings as STRING, integers as INT32/INT64, every column optional. */
  private static final class Parquet extends Counting {
    private final Schema schema;
    private final ParquetWriter<GenericRecord> writer;

    Parquet(Table table, Path file) throws IOException {
      schema = table.avroSchema();
      Files.deleteIfExists(file);
      writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
          .withSchema(schema)
          .withDataModel(GenericData.get())
          .withConf(new PlainParquetConfiguration())
          .withCompressionCodec(CompressionCodecName.SNAPPY)
          .withWriteMode(ParquetFileWriter.Mode.CREATE)
          .build();
    }

    @Override
    public void write(Object[] row) throws IOException {
      writer.write(record(schema, row));
      rows++;
    }

    @Override
    public void close() throws IOException {
      writer.close();
    }
  }
}
