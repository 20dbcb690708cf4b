package io.byproduct.gateway.ingest;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * One message as received, copied out of the network buffer: all its bytes, or only the first
 * {@code keep} bytes of one that is too big to be used (enough for a dead letter).
 *
 * @param bytes the bytes kept
 * @param size the message's full size in bytes
 * @param receivedAtNanos {@link System#nanoTime()} at receipt (ack latency is measured from here)
 */
record InboundMessage(byte[] bytes, int size, long receivedAtNanos) {

  static InboundMessage of(byte[] bytes) {
    return new InboundMessage(bytes, bytes.length, System.nanoTime());
  }

  /** Copies the buffer's readable bytes, or only the first {@code keepIfOver} if it holds more than {@code limit}. */
  static InboundMessage copyOf(DataBuffer buffer, int limit, int keepIfOver) {
    int size = buffer.readableByteCount();
    byte[] bytes = new byte[size > limit ? Math.min(size, keepIfOver) : size];
    buffer.read(bytes);
    return new InboundMessage(bytes, size, System.nanoTime());
  }

  boolean truncated() {
    return bytes.length < size;
  }
}
