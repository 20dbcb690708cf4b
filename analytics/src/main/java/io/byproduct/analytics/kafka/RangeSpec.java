package io.byproduct.analytics.kafka;

import java.time.Instant;

/**
 * Which records of a topic: offsets from (inclusive) to (exclusive), and record times from
 * (inclusive) to (exclusive). Any bound may be null (no limit); given together they intersect.
 * Times are the records' Kafka timestamps: for {@code interactions} the time the gateway accepted
 * the event, for {@code pages} the time the page ended.
 */
public record RangeSpec(OffsetBound fromOffset, OffsetBound toOffset, Instant fromTime, Instant toTime) {

  public static RangeSpec all() {
    return new RangeSpec(null, null, null, null);
  }

  public static RangeSpec times(Instant from, Instant to) {
    return new RangeSpec(null, null, from, to);
  }

  /** Whether a record's timestamp is inside the time bounds. */
  public boolean containsTime(long timestamp) {
    return (fromTime == null || timestamp >= fromTime.toEpochMilli())
        && (toTime == null || timestamp < toTime.toEpochMilli());
  }
}
