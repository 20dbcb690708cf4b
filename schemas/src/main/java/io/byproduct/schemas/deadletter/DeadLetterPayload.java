package io.byproduct.schemas.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The refused bytes as a dead letter keeps them: once, either as {@code bytes} or as {@code text}
 * (never both), or withheld (neither), cut to {@link DeadLetters#MAX_PAYLOAD_BYTES}; {@code truncated}
 * says that the record as received was longer than what is kept.
 */
public final class DeadLetterPayload {

  private static final DeadLetterPayload NONE = new DeadLetterPayload(null, null, false);

  private final byte[] bytes;
  private final String text;
  private final boolean truncated;

  private DeadLetterPayload(byte[] bytes, String text, boolean truncated) {
    this.bytes = bytes;
    this.text = text;
    this.truncated = truncated;
  }

  /** No payload (the record had none). */
  public static DeadLetterPayload none() {
    return NONE;
  }

  /** The whole record's bytes (maybe null), kept up to the cap. */
  public static DeadLetterPayload bytes(byte[] received) {
    return received == null ? NONE : bytes(received, received.length);
  }

  /**
   * @param kept the bytes as kept so far (maybe already cut by the receiver)
   * @param fullSize the size of the record as received
   */
  public static DeadLetterPayload bytes(byte[] kept, int fullSize) {
    byte[] capped = kept.length > DeadLetters.MAX_PAYLOAD_BYTES ? Arrays.copyOf(kept, DeadLetters.MAX_PAYLOAD_BYTES) : kept;
    return new DeadLetterPayload(capped, null, fullSize > capped.length);
  }

  /** Text kept up to the cap in UTF-8 bytes (cut at a character boundary). */
  public static DeadLetterPayload text(String text, boolean truncated) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= DeadLetters.MAX_PAYLOAD_BYTES) {
      return new DeadLetterPayload(null, text, truncated);
    }
    int end = DeadLetters.MAX_PAYLOAD_BYTES;
    while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
      end--;  // not inside a character
    }
    return new DeadLetterPayload(null, new String(utf8, 0, end, StandardCharsets.UTF_8), true);
  }

  /** Kept neither as bytes nor as text (the detail should say why), only whether it was cut. */
  public static DeadLetterPayload withheld(boolean truncated) {
    return new DeadLetterPayload(null, null, truncated);
  }

  /** The bytes kept, or null when kept as text or withheld. */
  public byte[] bytes() {
    return bytes == null ? null : bytes.clone();
  }

  /** The text kept, or null when kept as bytes or withheld. */
  public String text() {
    return text;
  }

  public boolean truncated() {
    return truncated;
  }

  ByteBuffer byteBuffer() {
    return bytes == null ? null : ByteBuffer.wrap(bytes.clone());
  }
}
