package io.byproduct.analytics.export;

import io.byproduct.analytics.AnalyticsException;
import io.byproduct.analytics.ExitCodes;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The datasets ({@code hitDatasetName}) met while reading an export's range, with how many source
 * records each had: what an export that matched nothing lists. At most {@value #MAX_NAMES} names
 * are kept; records of further names are counted under {@value #OTHERS}.
 */
final class DatasetsSeen {

  static final int MAX_NAMES = 100;
  static final String OTHERS = "(other datasets)";
  static final String NONE = "(no dataset)";

  private final Map<String, Long> counts = new TreeMap<>();

  DatasetsSeen(Map<String, Long> start) {
    counts.putAll(start);
  }

  void add(String dataset) {
    String name = dataset == null ? NONE : dataset;
    if (!counts.containsKey(name) && counts.size() >= MAX_NAMES) {
      name = OTHERS;
    }
    counts.merge(name, 1L, Long::sum);
  }

  Map<String, Long> counts() {
    return new LinkedHashMap<>(counts);
  }

  /** "oracle (1,920), demo (40)", most records first; "none" when nothing was read. */
  String describe() {
    if (counts.isEmpty()) {
      return "none (the range holds no records)";
    }
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(e -> (e.getKey().equals(NONE) || e.getKey().equals(OTHERS) ? e.getKey() : "'" + e.getKey() + "'")
            + String.format(" (%,d)", e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** The error of an export that matched nothing: the filters, the datasets seen, a near miss in case. */
  AnalyticsException nothingMatched(String topic, Filters filters) {
    StringBuilder message = new StringBuilder("nothing to export: no record of '" + topic + "' in the range matched "
        + filters.options() + "; datasets seen in the range: " + describe());
    String hint = sameIgnoringCase(filters.dataset());
    if (hint != null && !hint.equals(filters.dataset())) {
      message.append("; names are case-sensitive: did you mean --dataset ").append(hint).append('?');
    }
    return new AnalyticsException(ExitCodes.NOTHING_MATCHED, message.toString());
  }

  /** A name seen that differs from {@code wanted} only in case, or null. */
  String sameIgnoringCase(String wanted) {
    return wanted == null ? null : counts.keySet().stream().filter(n -> n.equalsIgnoreCase(wanted))
        .min(Comparator.naturalOrder()).orElse(null);
  }
}
