package io.byproduct.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds ports on the loopback interface that are free right now. */
public final class FreePort {

  private FreePort() {}

  public static int pick() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on the loopback interface", e);
    }
  }

  /** A free port that is none of {@code taken} (two picks in a row can return the same port). */
  public static int pickOtherThan(int... taken) {
    java.util.Set<Integer> used = new java.util.HashSet<>();
    for (int port : taken) {
      used.add(port);
    }
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = pick();
      if (!used.contains(port)) {
        return port;
      }
    }
    throw new IllegalStateException("No free port other than " + used + " on the loopback interface");
  }

  /** {@code count} free ports, all different (two picks in a row may return the same port). */
  public static int[] distinct(int count) {
    int[] ports = new int[count];
    for (int i = 0; i < count; i++) {
      ports[i] = pickOtherThan(java.util.Arrays.copyOf(ports, i));
    }
    return ports;
  }

  /** The preferred port if it is free, otherwise any free port. */
  public static int preferring(int preferred) {
    if (preferred > 0) {
      try (ServerSocket socket = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
        return preferred;
      } catch (IOException busy) {
        // fall through to any free port
      }
    }
    return pick();
  }
}
