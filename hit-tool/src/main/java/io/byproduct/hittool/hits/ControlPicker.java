package io.byproduct.hittool.hits;

import io.byproduct.hittool.manifest.ManifestImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Chooses a page's controls from a pool so that a worker rarely meets the same picture twice. */
final class ControlPicker {

  private ControlPicker() {}

  /**
   * {@code count} images of the pool that are not on the page yet: those not in the HIT yet first,
   * then the least used, then in pool order (shuffled from the seed). Marks them used, in the HIT
   * and on the page.
   */
  static List<ManifestImage> pick(List<ManifestImage> pool, int count, Set<String> inHit, Set<String> onPage,
      Map<String, Integer> uses) {
    if (count == 0) {
      return List.of();
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < pool.size(); i++) {
      if (!onPage.contains(pool.get(i).id())) {
        order.add(i);
      }
    }
    order.sort(Comparator.<Integer>comparingInt(i -> inHit.contains(pool.get(i).id()) ? 1 : 0)
        .thenComparingInt(i -> uses.getOrDefault(pool.get(i).id(), 0))
        .thenComparingInt(i -> i));
    List<ManifestImage> picked = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ManifestImage image = pool.get(order.get(i));
      picked.add(image);
      uses.merge(image.id(), 1, Integer::sum);
      inHit.add(image.id());
      onPage.add(image.id());
    }
    return picked;
  }
}
