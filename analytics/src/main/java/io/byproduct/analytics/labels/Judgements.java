package io.byproduct.analytics.labels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary judgements "this worker says the item shows its class" (selected) or not, with items
 * and workers numbered in the order they were first seen. An item is an (image, class) pair.
 */
public final class Judgements {

  /** One judgement: indexes into {@link #items()} and {@link #workers()}. */
  public record Judgement(int item, int worker, boolean positive) {}

  private final Map<ItemKey, Integer> itemIndex = new LinkedHashMap<>();
  private final Map<String, Integer> workerIndex = new LinkedHashMap<>();
  private final List<ItemKey> items = new ArrayList<>();
  private final List<String> workers = new ArrayList<>();
  private final List<Judgement> judgements = new ArrayList<>();
  private final Map<ItemKey, String> controls = new java.util.HashMap<>();

  /** Adds one judgement. */
  public Judgements add(ItemKey item, String worker, boolean positive) {
    int i = itemIndex.computeIfAbsent(item, k -> {
      items.add(k);
      return items.size() - 1;
    });
    int w = workerIndex.computeIfAbsent(worker, k -> {
      workers.add(k);
      return workers.size() - 1;
    });
    judgements.add(new Judgement(i, w, positive));
    return this;
  }

  /** Marks an item as a control of the HIT ({@code positive} or {@code negative}). */
  public Judgements markControl(ItemKey item, String role) {
    controls.put(item, role);
    return this;
  }

  /** The item's control role, or null for a candidate. */
  public String controlOf(ItemKey item) {
    return controls.get(item);
  }

  public List<ItemKey> items() {
    return items;
  }

  public List<String> workers() {
    return workers;
  }

  public List<Judgement> all() {
    return judgements;
  }

  public int size() {
    return judgements.size();
  }
}
