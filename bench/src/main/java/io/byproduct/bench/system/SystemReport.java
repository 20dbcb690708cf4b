package io.byproduct.bench.system;

import io.byproduct.bench.topology.TopologyRuns.Result;
import java.io.PrintStream;
import java.util.Map;

/** Prints what a {@link SystemBenchmark} run measured, with its baselines and the targets. */
final class SystemReport {

  static final double GATEWAY_TARGET = 0.7;
  static final double AGGREGATION_TARGET = 0.5;
  static final double ACK_P99_TARGET_MS = 50;
  static final double VISIBLE_P99_TARGET_MS = 1000;
  static final double SURVEY_CODE_P99_TARGET_MS = 2000;

  private final PrintStream out;
  private final SystemBenchmark.Options o;
  private final long events;
  private final LoadPhase.Result phase;
  private final double caughtUpAfterLastAck;
  private final OracleCheck.Result oracle;
  private final Result bare;
  private final Result passThrough;
  private final Result capture;

  SystemReport(PrintStream out, SystemBenchmark.Options o, long events, LoadPhase.Result phase,
      double caughtUpAfterLastAck, OracleCheck.Result oracle, Result bare, Result passThrough, Result capture) {
    this.out = out;
    this.o = o;
    this.events = events;
    this.phase = phase;
    this.caughtUpAfterLastAck = caughtUpAfterLastAck;
    this.oracle = oracle;
    this.bare = bare;
    this.passThrough = passThrough;
    this.capture = capture;
  }

  void print() {
    double accepted = phase.eventsAcked() / phase.seconds();
    out.printf("%n== system: %,d workers, %s ==%n", o.workers(), o.realTime() ? "real time (60 Hz)" : "as fast as possible");
    out.printf("  %-38s %,d of %,d events in %.1f s = %,.0f events/s%n", "events accepted (acked, durable)",
        phase.eventsAcked(), events, phase.seconds(), accepted);
    if (bare != null) {
      line("gateway / bare producer", accepted, bare.eventsPerSecond(), GATEWAY_TARGET,
          o.realTime() ? " (real time: the offered load, not a ceiling; use --fast for the ratio)" : "");
    }
    if (passThrough != null) {
      out.printf("  %-38s %,.0f events/s%n", "pass-through topology (exactly-once)", passThrough.eventsPerSecond());
      line("capture topology / pass-through", capture.eventsPerSecond(), passThrough.eventsPerSecond(),
          AGGREGATION_TARGET, "");
    }
    latency("ack latency (frame sent -> ack)", phase.acks(), ACK_P99_TARGET_MS, "p99 <= 50 ms");
    if (o.realTime()) {
      latency("load generator lateness (vs script)", phase.pacingLag(), Double.NaN, null);
    }
    latency("submit -> page in DynamoDB", phase.visible(), VISIBLE_P99_TARGET_MS, "p99 <= 1 s");
    out.printf("  %-38s %,d submitted, %,d never seen; polled every %d ms, %d pages a round%n", "pages", phase.pagesSubmitted(),
        phase.pagesInvisible(), PageVisibility.POLL_MILLIS, PageVisibility.KEYS_PER_ROUND);
    latency("last Submit -> survey code", phase.surveyCodes(), SURVEY_CODE_P99_TARGET_MS, "p99 <= 2 s");
    out.printf("  %-38s %s (asked as the page asks: 250 ms doubling to 2 s after a 409)%n", "survey codes",
        phase.surveyCodeSummary());
    out.printf("  %-38s %.2f s after the last ack%n", "stream processor caught up", caughtUpAfterLastAck);
    out.printf("  %-38s %,d of %,d fully acked; %d error answers; closed: %s%n", "sessions", phase.sessionsAcked(),
        o.workers(), phase.errors(), phase.closed().isEmpty() ? "none" : String.join(", ", phase.closed()));
    long lost = oracle.missing();
    out.printf("  %-38s %,d of %,d pages equal to the oracle, %,d missing (after up to 5 min); %,d of %,d recorded"
        + " items lost, %,d duplicated   %s%n", "events lost (stored vs oracle)", oracle.pagesEqual(), oracle.pages(),
        oracle.pagesMissing(), lost, oracle.items(), oracle.extra(),
        verdict(lost == 0 && oracle.extra() == 0 && oracle.pagesEqual() == oracle.pages(), "0 lost"));
    ResourceSampler.Report r = phase.resources();
    String scope = phase.inProcess() ? "whole stack + load generator, one JVM" : "load generator JVM only";
    out.printf("  %-38s mean %,.0f MB, max %,.0f MB, of %,.0f MB; GC pauses %.1f s (%s)%n", "heap",
        mb(r.heapUsedMean()), mb(r.heapUsedMax()), mb(r.heapMax()), r.gcSeconds(), scope);
    out.printf("  %-38s %s%n", "gateway's /actuator/metrics", phase.gatewayMetrics());
    out.printf("  %-38s this JVM %.2f of %d cores (mean), machine %.0f%% busy%n", "CPU", r.processCores(), r.cores(),
        r.machineCpu() * 100);
    double total = r.cpuSecondsByComponent().values().stream().mapToDouble(Double::doubleValue).sum();
    for (Map.Entry<String, Double> c : r.cpuSecondsByComponent().entrySet()) {
      out.printf("      %-44s %7.1f CPU s  %5.1f%%  (%.2f cores)%n", c.getKey(), c.getValue(), 100 * c.getValue() / total,
          c.getValue() / r.seconds());
    }
  }

  /** The steady figures (after the warm-up) with the target; everything on a second line. */
  private void latency(String name, Latencies.Split split, double p99Target, String target) {
    boolean warmUp = o.realTime() && o.warmUp().toMillis() > 0;
    Latencies.Summary main = warmUp ? split.steady() : split.all();
    out.printf("  %-38s %s%s%n", name + (warmUp ? ", after warm-up" : ""), main,
        target == null ? "" : "   " + verdict(main.percentileMillis(99) <= p99Target, target));
    if (warmUp) {
      out.printf("  %-38s %s%n", "  the same, warm-up included", split.all());
    }
  }

  private void line(String name, double ours, double baseline, double target, String note) {
    out.printf("  %-38s %,.0f / %,.0f = %.2f x   %s%s%n", name, ours, baseline, ours / baseline,
        verdict(ours / baseline >= target, ">= " + target + " x"), note);
  }

  private static String verdict(boolean met, String target) {
    return (met ? "[target " : "[MISSED target ") + target + "]";
  }

  private static double mb(long bytes) {
    return bytes / 1e6;
  }
}
