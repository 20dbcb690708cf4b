package io.byproduct.bench.system;

import java.util.Arrays;

/** Latencies recorded from many threads; percentiles computed exactly at the end. */
final class Latencies {

  /** Everything, and what started after the warm-up (JIT, connections opening) apart. */
  static final class Split {
    private final Latencies all = new Latencies();
    private final Latencies steady = new Latencies();
    private volatile long steadyFromNanos = Long.MAX_VALUE;

    /** Latencies of things started from {@code nanos} on ({@link System#nanoTime()}) count as steady. */
    void steadyFrom(long nanos) {
      steadyFromNanos = nanos;
    }

    void record(long startedNanos, long latencyNanos) {
      all.record(latencyNanos);
      if (startedNanos >= steadyFromNanos) {
        steady.record(latencyNanos);
      }
    }

    Summary all() {
      return all.summary();
    }

    Summary steady() {
      return steady.summary();
    }
  }

  private long[] nanos = new long[1024];
  private int count;

  synchronized void record(long latencyNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = latencyNanos;
  }

  /** A snapshot of the distribution. */
  synchronized Summary summary() {
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    return new Summary(sorted);
  }

  /** Sorted latencies. */
  static final class Summary {
    private final long[] sorted;

    Summary(long[] sorted) {
      this.sorted = sorted;
    }

    int count() {
      return sorted.length;
    }

    /** The {@code p}-th percentile (nearest rank) in milliseconds; NaN when empty. */
    double percentileMillis(double p) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(p / 100 * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    double maxMillis() {
      return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
    }

    @Override
    public String toString() {
      return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%,d)", percentileMillis(50), percentileMillis(99),
          maxMillis(), count());
    }
  }
}
