package io.byproduct.streamprocessor.folding;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of sequence numbers kept as sorted, disjoint, non-adjacent inclusive ranges, flattened as
 * {@code lo1, hi1, lo2, hi2, ...}. A session's events arrive nearly in order, so the set stays a
 * handful of longs however long the session runs.
 */
public final class SeqRanges {

  private SeqRanges() {}

  /**
   * Adds {@code seq} to {@code ranges} (modified in place).
   *
   * @return false if it was already present (a resent event)
   */
  public static boolean add(List<Long> ranges, long seq) {
    int pairs = ranges.size() / 2;
    int insertAt = pairs;
    for (int p = 0; p < pairs; p++) {
      long lo = ranges.get(2 * p);
      long hi = ranges.get(2 * p + 1);
      if (seq >= lo && seq <= hi) {
        return false;
      }
      if (seq < lo) {
        insertAt = p;
        break;
      }
    }
    boolean joinsPrevious = insertAt > 0 && ranges.get(2 * insertAt - 1) == seq - 1;
    boolean joinsNext = insertAt < pairs && ranges.get(2 * insertAt) == seq + 1;
    if (joinsPrevious && joinsNext) {
      ranges.set(2 * insertAt - 1, ranges.get(2 * insertAt + 1));
      ranges.remove(2 * insertAt + 1);
      ranges.remove(2 * insertAt);
    } else if (joinsPrevious) {
      ranges.set(2 * insertAt - 1, seq);
    } else if (joinsNext) {
      ranges.set(2 * insertAt, seq);
    } else {
      ranges.add(2 * insertAt, seq);
      ranges.add(2 * insertAt + 1, seq);
    }
    return true;
  }

  /** Whether adding {@code seq} would make a new range: it is neither in nor next to one. */
  public static boolean opensRange(List<Long> ranges, long seq) {
    for (int p = 0; p < ranges.size() / 2; p++) {
      if (seq >= ranges.get(2 * p) - 1 && seq <= ranges.get(2 * p + 1) + 1) {
        return false;
      }
    }
    return true;
  }

  public static List<Long> empty() {
    return new ArrayList<>();
  }
}
