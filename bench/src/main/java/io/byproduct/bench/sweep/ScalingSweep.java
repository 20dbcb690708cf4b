package io.byproduct.bench.sweep;

import io.byproduct.bench.system.SystemBenchmark;
import io.byproduct.devstack.LocalStack;
import io.byproduct.bench.system.SystemBenchmark.Measures;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The scaling curve: {@code bench system} once per worker count (one local stack in this JVM for
 * every point, no baselines, short points), then a table of the figures and two charts drawn by {@link SvgChart}:
 * latencies against workers, and CPU by component against workers. A benchmark, never a test.
 */
public final class ScalingSweep {

  /**
   * @param workers the worker counts, ascending
   * @param settle after the last ack, longest wait for pages, codes and the stream processor (each)
   */
  public record Options(List<Integer> workers, int pages, Duration duration, Duration rampUp, Duration warmUp,
      Duration settle, Path out) {}

  static final String LATENCY_SVG = "bench-scaling-latency.svg";
  static final String CPU_SVG = "bench-scaling-cpu.svg";
  static final String TABLE_MD = "bench-scaling.md";

  private final Options o;
  private final PrintStream out;

  public ScalingSweep(Options options, PrintStream out) {
    this.o = options;
    this.out = out;
  }

  public List<Measures> run() throws Exception {
    List<Measures> points = new ArrayList<>();
    // one stack for every point (starting one takes a minute or more on a busy machine); each point waits
    // until the stream processor has caught up, so a point starts on an idle stack
    System.setProperty("logging.level.org.apache.kafka", "ERROR");
    System.setProperty("logging.level.kafka", "ERROR");
    SystemBenchmark.quietAndPatient();
    out.println("Starting the local stack in this JVM once for every point ...");
    try (LocalStack stack = LocalStack.start(null, 0, new PrintStream(PrintStream.nullOutputStream()))) {
      for (int workers : o.workers()) {
        long started = System.nanoTime();
        out.printf("%n######## sweep point: %,d workers ########%n", workers);
        SystemBenchmark.Outcome outcome = new SystemBenchmark(new SystemBenchmark.Options(workers, o.pages(),
            o.duration(), true, 300, o.rampUp(), 12, 0, false, o.warmUp(), null, o.settle()), out, stack).run();
        points.add(outcome.measures());
        out.printf("######## %,d workers took %.0f s ########%n", workers, (System.nanoTime() - started) / 1e9);
        write(points);   // after every point: a sweep cut short still leaves what it measured
      }
    }
    out.println();
    out.print(table(points));
    return points;
  }

  private void write(List<Measures> points) throws IOException {
    if (points.size() < 2) {
      return;
    }
    Files.createDirectories(o.out());
    Files.writeString(o.out().resolve(LATENCY_SVG), latencyChart(points).toSvg());
    Files.writeString(o.out().resolve(CPU_SVG), cpuChart(points).toSvg());
    Files.writeString(o.out().resolve(TABLE_MD), table(points));
  }

  static SvgChart latencyChart(List<Measures> points) {
    return new SvgChart("bench system: latency against simulated workers (60 Hz, real time)", "simulated workers",
        "milliseconds", xs(points), true, true, List.of(
            series("ack p50", points, Measures::ackP50),
            series("ack p99", points, Measures::ackP99),
            series("submit -> DynamoDB p50", points, Measures::visibleP50),
            series("submit -> DynamoDB p99", points, Measures::visibleP99),
            series("survey code p99", points, Measures::surveyCodeP99),
            series("processor behind at end", points, m -> m.processorLagSeconds() * 1000)));
  }

  static SvgChart cpuChart(List<Measures> points) {
    Set<String> components = new LinkedHashSet<>();
    points.forEach(p -> components.addAll(p.coresByComponent().keySet()));
    List<SvgChart.Series> series = new ArrayList<>();
    for (String component : components) {
      series.add(series(shortName(component), points, m -> m.coresByComponent().getOrDefault(component, 0.0)));
    }
    series.add(series("machine busy (cores)", points, m -> m.machineCpu() * 2));
    return new SvgChart("bench system: CPU by component against simulated workers", "simulated workers",
        "cores (of 2)", xs(points), true, false, series);
  }

  static String table(List<Measures> points) {
    StringBuilder t = new StringBuilder();
    t.append("| workers | offered events/s | ack p50 / p99 | submit → DynamoDB p50 / p99 | pages not seen | processor behind"
        + " at end | survey code p50 / p99 (codes) | CPU cores: gateway / stream processor / page assembler / dynalite /"
        + " Kafka / load generator | machine busy |\n");
    t.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Measures m : points) {
      t.append(String.format(Locale.ROOT, "| %,d | %,.0f | %s / %s | %s / %s | %d | %s | %s / %s (%,d) | %s | %.0f %% |%n",
          m.workers(), m.offeredEventsPerSecond(), ms(m.ackP50()), ms(m.ackP99()), ms(m.visibleP50()), ms(m.visibleP99()),
          m.pagesNotVisible(), Double.isNaN(m.processorLagSeconds()) ? "not caught up" : String.format(Locale.ROOT,
              "%.1f s", m.processorLagSeconds()), ms(m.surveyCodeP50()), ms(m.surveyCodeP99()), m.surveyCodes(),
          String.join(" / ", cores(m, "gateway"), cores(m, "stream processor"), cores(m, "page assembler"),
              cores(m, "dynalite (child process)"), cores(m, "Kafka broker"), cores(m, "load generator (bench)")),
          m.machineCpu() * 100));
    }
    return t.toString();
  }

  private static String cores(Measures m, String component) {
    Double c = m.coresByComponent().get(component);
    return c == null ? "–" : String.format(Locale.ROOT, "%.2f", c);
  }

  private static String ms(double millis) {
    if (Double.isNaN(millis)) {
      return "–";
    }
    return millis >= 10_000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000)
        : String.format(Locale.ROOT, "%,.0f ms", millis);
  }

  private static String shortName(String component) {
    int paren = component.indexOf(" (");
    return paren > 0 ? component.substring(0, paren) : component;
  }

  private static double[] xs(List<Measures> points) {
    return points.stream().mapToDouble(Measures::workers).toArray();
  }

  private static SvgChart.Series series(String name, List<Measures> points, ToDoubleFunction<Measures> value) {
    return new SvgChart.Series(name, points.stream().mapToDouble(value).toArray());
  }
}
