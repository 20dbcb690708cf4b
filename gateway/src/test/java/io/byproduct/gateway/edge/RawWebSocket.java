package io.byproduct.gateway.edge;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A WebSocket client written on a plain socket (RFC 6455, no extensions), so that a test can hold
 * many connections cheaply, send exactly what it wants, and see the close code the gateway sends.
 */
final class RawWebSocket implements AutoCloseable {

  private final Socket socket = new Socket();
  private final String status;
  private final List<String> texts = new ArrayList<>();
  private DataInputStream in;

  private RawWebSocket(int port, String path, String extraHeaders) throws IOException {
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + extraHeaders + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    socket.setSoTimeout(20_000);
    in = new DataInputStream(socket.getInputStream());
    status = readHead();
  }

  /** Opens the upgrade; {@link #status()} says whether it was accepted (101). */
  static RawWebSocket open(int port, String path) throws IOException {
    return new RawWebSocket(port, path, "");
  }

  static RawWebSocket open(int port, String path, String extraHeaders) throws IOException {
    return new RawWebSocket(port, path, extraHeaders);
  }

  /** The status line of the upgrade's answer, e.g. {@code HTTP/1.1 101 Switching Protocols}. */
  String status() {
    return status;
  }

  boolean upgraded() {
    return status.startsWith("HTTP/1.1 101");
  }

  RawWebSocket sendText(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length < 65_536) {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xff);
    } else {
      frame.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >>> shift) & 0xff);
      }
    }
    byte[] mask = {0x11, 0x22, 0x33, 0x44};
    frame.write(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    socket.getOutputStream().write(frame.toByteArray());
    socket.getOutputStream().flush();
    return this;
  }

  /** Text messages received so far. */
  List<String> texts() {
    return texts;
  }

  /**
   * Reads until the gateway closes: its close code, {@code -1} if the TCP connection ended without
   * a close frame, {@code 0} if it is still open after the timeout.
   */
  int awaitClose(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      socket.setSoTimeout((int) Math.max(1, Math.min(500, (deadline - System.nanoTime()) / 1_000_000)));
      try {
        int first = in.readUnsignedByte();
        socket.setSoTimeout(5_000);
        int opcode = first & 0x0f;
        long length = in.readUnsignedByte() & 0x7f;
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if (opcode == 0x8) {
          return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
        if (opcode == 0x1) {
          texts.add(new String(payload, StandardCharsets.UTF_8));
        }
      } catch (SocketTimeoutException quiet) {
        // nothing yet
      } catch (EOFException | SocketException ended) {
        return -1;
      }
    }
    return 0;
  }

  private String readHead() throws IOException {
    StringBuilder head = new StringBuilder();
    InputStream raw = socket.getInputStream();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = raw.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    String text = head.toString();
    int end = text.indexOf("\r\n");
    return end < 0 ? text : text.substring(0, end);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
