package io.byproduct.gateway.ingest;

/**
 * A token bucket of frames per connection: {@code burst} frames at once, refilled at {@code
 * perSecond}. A client that keeps sending faster than the rate empties it and is closed. Used by
 * one thread at a time.
 */
final class FrameRateLimit {

  private final double perNano;
  private final double burst;
  private double tokens;
  private long lastNanos;

  FrameRateLimit(int perSecond, int burst, long nowNanos) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  /** Takes one frame's token; false when the client has been too fast for too long. */
  boolean tryTake(long nowNanos) {
    long elapsed = Math.max(0, nowNanos - lastNanos);
    lastNanos = Math.max(lastNanos, nowNanos);
    tokens = Math.min(burst, tokens + elapsed * perNano);
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
