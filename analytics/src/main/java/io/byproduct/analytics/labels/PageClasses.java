package io.byproduct.analytics.labels;

import io.byproduct.platform.hits.HitStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Which class a page of a HIT asks about, and its controls (stored pages do not say; the HIT does). */
@FunctionalInterface
public interface PageClasses {

  /**
   * A HIT page's class and its control images.
   *
   * @param controls image id → {@code positive} or {@code negative}, from the HIT's review section
   */
  record PageClass(String classId, Map<String, String> controls) {}

  Optional<PageClass> classOf(String hitDatasetName, String imageNetHitId, int pageNo);

  /** From the HIT table (with its review section), each HIT read once. */
  static PageClasses fromHits(HitStore hits) {
    JsonMapper json = JsonMapper.builder().build();
    Map<String, Map<Integer, PageClass>> cache = new HashMap<>();
    return (dataset, hit, pageNo) -> {
      if (dataset == null || hit == null) {
        return Optional.empty();
      }
      Map<Integer, PageClass> pages = cache.computeIfAbsent(dataset + '\u0000' + hit, k -> {
        Map<Integer, PageClass> byPage = new HashMap<>();
        hits.findWithReview(dataset, hit).map(json::readTree).ifPresent(node -> {
          JsonNode controls = node.path(HitStore.REVIEW).path("controls");
          for (JsonNode page : node.path("pages")) {
            String classId = page.path("class").path("id").asString(null);
            if (classId != null && page.path("pageno").canConvertToInt()) {
              int no = page.path("pageno").asInt();
              Map<String, String> roles = new HashMap<>();
              controls.path(String.valueOf(no)).properties().forEach(e -> roles.put(e.getKey(), e.getValue().asString("")));
              byPage.put(no, new PageClass(classId, Map.copyOf(roles)));
            }
          }
        });
        return byPage;
      });
      return Optional.ofNullable(pages.get(pageNo));
    };
  }
}
