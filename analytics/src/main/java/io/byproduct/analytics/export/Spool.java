package io.byproduct.analytics.export;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * The work file of an export ({@code OUT.partial}): the selected source records (pages or events)
 * in an Avro container file, whatever the output format. {@link #sync()} ends a block and forces it
 * to disk; the file up to a synced length is a valid container that can be reopened for appending,
 * which is how an interrupted export resumes.
 */
final class Spool implements Closeable {

  private final DataFileWriter<SpecificRecord> writer;

  private Spool(DataFileWriter<SpecificRecord> writer) {
    this.writer = writer;
  }

  static Spool create(Path file, Schema schema) throws IOException {
    DataFileWriter<SpecificRecord> writer = new DataFileWriter<>(new SpecificDatumWriter<SpecificRecord>(schema));
    writer.setCodec(CodecFactory.deflateCodec(6));
    writer.create(schema, file.toFile());
    return new Spool(writer);
  }

  /** Reopens a spool cut back to {@code validBytes}, a length returned by {@link #sync()}. */
  static Spool resume(Path file, Schema schema, long validBytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      if (channel.size() < validBytes) {
        throw new IOException(file + " is shorter (" + channel.size() + " bytes) than its checkpoint says ("
            + validBytes + ")");
      }
      channel.truncate(validBytes);
      channel.force(true);
    }
    DataFileWriter<SpecificRecord> writer = new DataFileWriter<>(new SpecificDatumWriter<SpecificRecord>(schema));
    writer.appendTo(file.toFile());
    return new Spool(writer);
  }

  void append(SpecificRecord record) throws IOException {
    writer.append(record);
  }

  /** Ends the current block and forces the file to disk; returns the file's valid length. */
  long sync() throws IOException {
    long position = writer.sync();
    writer.fSync();
    return position;
  }

  static long size(Path file) throws IOException {
    return Files.size(file);
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
