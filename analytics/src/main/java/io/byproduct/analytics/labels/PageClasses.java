package io.byproduct.analytics.labels;

import io.byproduct.platform.hits.HitStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Which class a page of a HIT asks about (stored pages do not say; the HIT does). */
@FunctionalInterface
public interface PageClasses {

  Optional<String> classOf(String hitDatasetName, String imageNetHitId, int pageNo);

  /** From the HIT table, each (dataset, HIT, page) looked up once. */
  static PageClasses fromHits(HitStore hits) {
    Map<String, Optional<String>> cache = new HashMap<>();
    return (dataset, hit, pageNo) -> cache.computeIfAbsent(dataset + '\u0000' + hit + '\u0000' + pageNo,
        k -> dataset == null || hit == null ? Optional.empty() : hits.classOfPage(dataset, hit, pageNo));
  }
}
