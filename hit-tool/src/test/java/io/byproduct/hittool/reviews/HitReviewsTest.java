package io.byproduct.hittool.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.hittool.demo.DemoDataset;
import io.byproduct.hittool.hits.BuiltHit;
import io.byproduct.hittool.hits.HitJson;
import io.byproduct.schemas.quality.ControlRole;
import io.byproduct.schemas.quality.HitReview;
import io.byproduct.schemas.quality.HitReviewPage;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HitReviewsTest {

  @Test
  void of_carriesEveryPagesClassAndTheControlsOfTheReviewSection() {
    for (BuiltHit hit : DemoDataset.build().hits()) {
      HitReview review = HitReviews.of(hit);
      JsonNode item = JsonMapper.builder().build().readTree(HitJson.toJson(hit));

      assertThat(HitReviews.key(review)).isEqualTo("demo|" + hit.id());
      assertThat(review.getPages()).hasSize(DemoDataset.PAGES_PER_HIT);
      for (HitReviewPage page : review.getPages()) {
        JsonNode shown = item.get("pages").get(page.getPageNo() - 1);
        assertThat(page.getClassId()).isEqualTo(shown.get("class").get("id").asString());
        Map<String, ControlRole> expected = new TreeMap<>();
        item.get("review").get("controls").get(String.valueOf(page.getPageNo())).properties().forEach(e ->
            expected.put(e.getKey(), ControlRole.valueOf(e.getValue().asString().toUpperCase())));
        assertThat(page.getControls()).isEqualTo(expected);
        assertThat(page.getControls().values()).containsOnly(ControlRole.POSITIVE, ControlRole.NEGATIVE)
            .hasSize(DemoDataset.POSITIVE_CONTROLS + DemoDataset.NEGATIVE_CONTROLS);
      }
    }
  }
}
