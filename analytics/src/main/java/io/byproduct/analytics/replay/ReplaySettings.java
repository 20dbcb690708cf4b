package io.byproduct.analytics.replay;

import io.byproduct.analytics.kafka.RangeSpec;
import java.time.Duration;

/**
 * One replay.
 *
 * @param targetPrefix prefix of the new topics ({@code P.interactions} holds the replayed range,
 *     {@code P.pages}, {@code P.images}, {@code P.annotations}, {@code P.dead-letters} the topology's output);
 *     none of them may exist yet
 * @param range which part of {@code interactions}: offsets and/or times, per partition
 * @param dataset only the events of this hitDatasetName (null: all)
 * @param openPages what becomes of pages still open when the range ends
 * @param replicationFactor replicas of the new topics and of the replay's internal topics
 * @param threads stream threads of the replay
 * @param stallTimeout fail if the replay makes no progress for this long
 */
public record ReplaySettings(String targetPrefix, RangeSpec range, String dataset, OpenPages openPages,
    short replicationFactor, int threads, Duration stallTimeout) {

  /** What becomes of the pages still open (neither submitted nor abandoned) at the end of the range. */
  public enum OpenPages {
    /** Emitted ABANDONED, as the live processor would after its idle time: endedAt = the page's last event. */
    ABANDON,
    /** Left out of the output. */
    OMIT
  }

  public static ReplaySettings of(String targetPrefix) {
    return new ReplaySettings(targetPrefix, RangeSpec.all(), null, OpenPages.ABANDON, (short) 1, 1, Duration.ofMinutes(5));
  }

  public ReplaySettings withRange(RangeSpec newRange) {
    return new ReplaySettings(targetPrefix, newRange, dataset, openPages, replicationFactor, threads, stallTimeout);
  }

  public ReplaySettings withDataset(String newDataset) {
    return new ReplaySettings(targetPrefix, range, newDataset, openPages, replicationFactor, threads, stallTimeout);
  }

  public ReplaySettings withOpenPages(OpenPages newOpenPages) {
    return new ReplaySettings(targetPrefix, range, dataset, newOpenPages, replicationFactor, threads, stallTimeout);
  }
}
