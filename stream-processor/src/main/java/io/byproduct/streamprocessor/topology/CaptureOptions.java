package io.byproduct.streamprocessor.topology;

import io.byproduct.streamprocessor.folding.StateLimits;
import java.time.Duration;

/**
 * Tunables of the capture topology.
 *
 * @param imageUpdateInterval how often changed per-image records are emitted to the images topic
 * @param abandonAfter a page is emitted with status ABANDONED once the task's stream time (the
 *     gateway's record timestamps) has passed its latest event by this long; zero: every open page
 *     at the next punctuation (a replay's last phase)
 * @param closedRetention how long closed pages and seen sequence numbers are remembered (late and
 *     resent events are recognised within it)
 * @param limits bounds on a page's and an image's state and output
 */
public record CaptureOptions(Duration imageUpdateInterval, Duration abandonAfter, Duration closedRetention,
    StateLimits limits) {

  /** With the default {@link StateLimits}. */
  public CaptureOptions(Duration imageUpdateInterval, Duration abandonAfter, Duration closedRetention) {
    this(imageUpdateInterval, abandonAfter, closedRetention, StateLimits.defaults());
  }

  public static CaptureOptions defaults() {
    return new CaptureOptions(Duration.ofSeconds(1), Duration.ofMinutes(30), Duration.ofDays(7));
  }
}
