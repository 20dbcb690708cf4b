package io.byproduct.hittool.review;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/** The dry-run summary: how many assignments per decision and reason. No worker ids. */
public final class ReviewSummary {

  private final Map<String, Integer> counts = new TreeMap<>();
  private int total;

  public void add(Decision decision) {
    counts.merge(decision.summaryKey(), 1, Integer::sum);
    total++;
  }

  public int count(String key) {
    return counts.getOrDefault(key, 0);
  }

  public Map<String, Integer> counts() {
    return Map.copyOf(counts);
  }

  public void print(PrintWriter out, String heading) {
    out.printf("%s: %d assignment(s)%n", heading, total);
    counts.forEach((key, n) -> out.printf("  %5d  %s%n", n, key));
    out.flush();
  }
}
