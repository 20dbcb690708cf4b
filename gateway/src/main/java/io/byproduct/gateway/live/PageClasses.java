package io.byproduct.gateway.live;

import io.byproduct.schemas.json.RecordJson;
import io.byproduct.platform.hits.HitStore;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The class of a HIT's page (its id and WordNet id), from the HIT definitions in DynamoDB, cached
 * for all subscribers (at most {@value #CAPACITY} HITs, least recently used out). Called on the
 * subscribers' own threads, never on the event loop.
 */
final class PageClasses {

  static final int CAPACITY = 1000;

  private final HitStore hits;
  private final Map<String, Map<Integer, Set<String>>> cache = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Map<Integer, Set<String>>> eldest) {
      return size() > CAPACITY;
    }
  };

  PageClasses(HitStore hits) {
    this.hits = hits;
  }

  /** The class id and WordNet id of the page, or an empty set if the HIT or page is unknown. */
  Set<String> of(String dataset, String hit, int pageNo) {
    if (dataset == null || hit == null) {
      return Set.of();
    }
    String key = dataset + "|" + hit;
    Map<Integer, Set<String>> pages;
    synchronized (cache) {
      pages = cache.get(key);
    }
    if (pages == null) {
      pages = load(dataset, hit);
      if (pages == null) {
        return Set.of();  // DynamoDB failed: not cached, asked again for the next record
      }
      synchronized (cache) {
        cache.put(key, pages);
      }
    }
    return pages.getOrDefault(pageNo, Set.of());
  }

  private Map<Integer, Set<String>> load(String dataset, String hit) {
    Optional<String> json;
    try {
      json = hits.findJson(dataset, hit);
    } catch (RuntimeException unavailable) {
      return null;
    }
    Map<Integer, Set<String>> pages = new HashMap<>();
    json.map(RecordJson.MAPPER::readTree).ifPresent(node -> {
      for (JsonNode page : node.path("pages")) {
        JsonNode cls = page.path("class");
        Set<String> ids = new java.util.HashSet<>();
        if (cls.path("id").isString()) {
          ids.add(cls.path("id").asString());
        }
        if (cls.path("wnid").isString()) {
          ids.add(cls.path("wnid").asString());
        }
        pages.put(page.path("pageno").asInt(), Set.copyOf(ids));
      }
    });
    return pages;
  }
}
