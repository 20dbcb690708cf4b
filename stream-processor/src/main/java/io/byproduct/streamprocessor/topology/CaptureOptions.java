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
 * @param maxPageBytes a page record larger than this (encoded) goes to the dead letters instead of
 *     the pages topic: under exactly-once a record the producer refuses aborts the transaction, and
 *     the task would replay the same input for ever
 */
public record CaptureOptions(Duration imageUpdateInterval, Duration abandonAfter, Duration closedRetention,
    StateLimits limits, int maxPageBytes) {

  /** Half the 16 MiB record limit of the pages topic and the producer's request limit. */
  public static final int DEFAULT_MAX_PAGE_BYTES = CaptureTopology.MAX_RECORD_BYTES / 2;

  /** With the default {@link StateLimits} and page size. */
  public CaptureOptions(Duration imageUpdateInterval, Duration abandonAfter, Duration closedRetention) {
    this(imageUpdateInterval, abandonAfter, closedRetention, StateLimits.defaults());
  }

  /** With the default page size. */
  public CaptureOptions(Duration imageUpdateInterval, Duration abandonAfter, Duration closedRetention,
      StateLimits limits) {
    this(imageUpdateInterval, abandonAfter, closedRetention, limits, DEFAULT_MAX_PAGE_BYTES);
  }

  public static CaptureOptions defaults() {
    return new CaptureOptions(Duration.ofSeconds(1), Duration.ofMinutes(30), Duration.ofDays(7));
  }
}
