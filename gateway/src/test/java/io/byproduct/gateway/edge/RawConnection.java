package io.byproduct.gateway.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A plain TCP connection to the gateway for attacks no HTTP client would make: paths sent exactly
 * as written (no normalisation), partial request lines, trickled headers, stalled bodies.
 */
final class RawConnection implements AutoCloseable {

  private final Socket socket = new Socket();
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();

  RawConnection(int port) throws IOException {
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
  }

  RawConnection send(String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return this;
  }

  /** Sends a request exactly as given (request line, headers, then the body if any) and returns its status line. */
  static String statusOf(int port, String request) throws IOException {
    try (RawConnection connection = new RawConnection(port)) {
      connection.send(request);
      return connection.statusLine(Duration.ofSeconds(20));
    }
  }

  /** The first line the server answers, or fails after the timeout. */
  String statusLine(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String text = received.toString(StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n");
      if (end >= 0) {
        return text.substring(0, end);
      }
      if (System.nanoTime() > deadline || !readSome(deadline)) {
        throw new AssertionError("no status line within " + timeout + ", got: " + text);
      }
    }
  }

  /** Whether the server closes the connection before the timeout (reading and discarding what it sends). */
  boolean closedWithin(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!readSome(deadline)) {
        return true;
      }
    }
    return false;
  }

  /** Everything received so far. */
  String received() {
    return received.toString(StandardCharsets.ISO_8859_1);
  }

  /** Reads what is there; false when the server closed the connection. */
  private boolean readSome(long deadline) throws IOException {
    long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    socket.setSoTimeout((int) Math.min(left, 500));
    byte[] buffer = new byte[8192];
    try {
      InputStream in = socket.getInputStream();
      int n = in.read(buffer);
      if (n < 0) {
        return false;
      }
      received.write(buffer, 0, n);
      return true;
    } catch (SocketTimeoutException quiet) {
      return true;
    } catch (SocketException reset) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
