package io.byproduct.analytics.export.table;

import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which {@code (session, seq)} pairs were met: the de-duplication of resends. Sequence numbers are
 * gap-free from 1, so each session keeps a bit per number (about 1 bit per event); numbers outside
 * {@code [1, 2^24)} (never sent by the page) fall back to a set.
 */
public final class SeenEvents {

  private static final long DENSE_LIMIT = 1L << 24;

  private final Map<String, BitSet> dense = new HashMap<>();
  private final Map<String, Set<Long>> sparse = new HashMap<>();

  /** True the first time this pair is met, false for every copy after it. */
  public boolean first(String session, long seq) {
    if (seq >= 1 && seq < DENSE_LIMIT) {
      BitSet bits = dense.computeIfAbsent(session, s -> new BitSet());
      if (bits.get((int) seq)) {
        return false;
      }
      bits.set((int) seq);
      return true;
    }
    return sparse.computeIfAbsent(session, s -> new HashSet<>()).add(seq);
  }
}
