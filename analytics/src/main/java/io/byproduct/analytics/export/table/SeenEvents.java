package io.byproduct.analytics.export.table;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which {@code (session, seq)} pairs were met: the de-duplication of resends. Each session keeps
 * the runs of consecutive sequence numbers met ({@code start → end}); an honest session, gap-free
 * from 1, is one run however long, and a forged one costs a run per gap — memory follows the
 * number of events read, never the size of a sequence number.
 */
public final class SeenEvents {

  private final Map<String, TreeMap<Long, Long>> runs = new HashMap<>();
  private long runCount;

  /** True the first time this pair is met, false for every copy after it. */
  public boolean first(String session, long seq) {
    TreeMap<Long, Long> sessionRuns = runs.computeIfAbsent(session, s -> new TreeMap<>());
    Map.Entry<Long, Long> below = sessionRuns.floorEntry(seq);
    if (below != null && below.getValue() >= seq) {
      return false;
    }
    Map.Entry<Long, Long> above = seq == Long.MAX_VALUE ? null : sessionRuns.ceilingEntry(seq + 1);
    boolean joinsBelow = below != null && below.getValue() == seq - 1 && seq != Long.MIN_VALUE;
    boolean joinsAbove = above != null && above.getKey() == seq + 1;
    if (joinsBelow && joinsAbove) {
      sessionRuns.put(below.getKey(), above.getValue());
      sessionRuns.remove(above.getKey());
      runCount--;
    } else if (joinsBelow) {
      sessionRuns.put(below.getKey(), seq);
    } else if (joinsAbove) {
      sessionRuns.remove(above.getKey());
      sessionRuns.put(seq, above.getValue());
    } else {
      sessionRuns.put(seq, seq);
      runCount++;
    }
    return true;
  }

  /** Runs kept over all sessions: what the memory grows with. */
  public long runs() {
    return runCount;
  }
}
