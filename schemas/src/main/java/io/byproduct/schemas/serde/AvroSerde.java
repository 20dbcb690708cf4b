package io.byproduct.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka Serde for a generated Avro class in Avro's single-object encoding: a 2-byte marker, the
 * writer schema's 8-byte fingerprint, then the binary datum. No schema registry is needed; the
 * reader resolves every version listed in {@link SchemaHistory}. Thread-safe.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  static {
    AvroTrust.ensureTrusted();
  }

  /** Bytes of a thread's encoding buffer kept for its next record; a larger one is let go. */
  static final int RETAINED_BUFFER_BYTES = 1 << 20;

  private final Class<T> type;
  private final byte[] header;
  private final DatumWriter<T> writer;
  private final ThreadLocal<Output> output = ThreadLocal.withInitial(Output::new);
  private final BinaryMessageDecoder<T> decoder;

  /** A thread's reused buffer and buffered encoder (Avro's message encoder writes byte by byte). */
  private static final class Output extends ByteArrayOutputStream {
    BinaryEncoder encoder;

    Output() {
      super(512);
    }
  }

  private AvroSerde(Class<T> type) {
    this.type = type;
    SpecificData model = SpecificData.getForClass(type);
    Schema schema = model.getSchema(type);
    this.header = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) 0xC3).put((byte) 0x01).putLong(SchemaNormalization.parsingFingerprint64(schema)).array();
    @SuppressWarnings("unchecked")
    DatumWriter<T> datumWriter = (DatumWriter<T>) model.createDatumWriter(schema);
    this.writer = datumWriter;
    SchemaStore.Cache history = new SchemaStore.Cache();
    SchemaHistory.versions(schema.getName()).forEach(history::addSchema);
    this.decoder = new BinaryMessageDecoder<>(model, schema, history);
  }

  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    return new AvroSerde<>(type);
  }

  public Class<T> type() {
    return type;
  }

  /** The single-object encoding, byte for byte as Avro's {@link BinaryMessageEncoder} writes it. */
  public byte[] encode(T value) {
    Output out = output.get();
    boolean reusable = false;
    try {
      out.reset();
      out.write(header, 0, header.length);
      out.encoder = EncoderFactory.get().binaryEncoder(out, out.encoder);
      writer.write(value, out.encoder);
      out.encoder.flush();
      byte[] bytes = out.toByteArray();
      reusable = bytes.length <= RETAINED_BUFFER_BYTES;
      return bytes;
    } catch (IOException | AvroRuntimeException | NullPointerException | ClassCastException e) {
      throw new SerializationException(
          "Cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    } finally {
      if (!reusable) {
        output.remove();  // a failed write leaves bytes in the encoder's buffer; a large buffer is not kept
      }
    }
  }

  public T decode(byte[] bytes) {
    try {
      return decoder.decode(bytes);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new SerializationException(
          "Cannot decode " + type.getSimpleName() + " (" + bytes.length + " bytes): " + e.getMessage(), e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, data) -> data == null ? null : encode(data);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, data) -> data == null ? null : decode(data);
  }
}
