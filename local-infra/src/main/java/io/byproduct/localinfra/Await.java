package io.byproduct.localinfra;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition in tests, polling; the failure says what was awaited. */
public final class Await {

  private Await() {}

  /** Polls {@code condition} every 100 ms until it holds; an AssertionError naming {@code what} after {@code timeout}. */
  public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      Thread.sleep(100);
    }
  }
}
