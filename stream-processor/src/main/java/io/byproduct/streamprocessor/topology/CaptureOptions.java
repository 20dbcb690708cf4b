package io.byproduct.streamprocessor.topology;

import java.time.Duration;

/**
 * Tunables of the capture topology.
 *
 * @param imageUpdateInterval how often changed per-image records are emitted to the images topic
 * @param abandonAfter a page with no event for this long is emitted with status ABANDONED
 * @param closedRetention how long closed pages and seen sequence numbers are remembered (late and
 *     resent events are recognised within it)
 */
public record CaptureOptions(Duration imageUpdateInterval, Duration abandonAfter, Duration closedRetention) {

  public static CaptureOptions defaults() {
    return new CaptureOptions(Duration.ofSeconds(1), Duration.ofMinutes(30), Duration.ofDays(7));
  }
}
