package io.byproduct.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.schemas.record.ImageRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageContentHashTest {

  private static final String RECORD = "{\"imageID\":\"n01440764/img_011\",\"originalImageHeight\":375,"
      + "\"originalImageWidth\":500,\"imageHeight\":243,\"imageWidth\":324,\"imagePosition\":{\"x\":478,\"y\":411},"
      + "\"hoveredRecord\":[{\"action\":\"enter\",\"time\":1796304418699}],\"mouseTracking\":[{\"x\":0.7623456790123457,"
      + "\"y\":0.01646090534979424,\"time\":1796304418700}],\"selected\":false,\"selectedRecord\":[],\"estimateTime\":98}";

  @Test
  void of_isPinnedByAKnownAnswer_andIgnoresTheWorkerId() {
    ImageRecord record = SeedJson.fromJson(RECORD);
    String hash = PageContentHash.of(1796304416118L, 1796304424264L, List.of(record));
    assertThat(hash).isEqualTo(PageContentHash.of(1796304416118L, 1796304424264L,
        List.of(SeedJson.fromJson(RECORD.replace("\"estimateTime\":98}",
            "\"estimateTime\":98,\"worker_id\":\"PSEUDONYM\"}")))));
    assertThat(hash).hasSize(32).isEqualTo("93810aff3e17a50aead7541e2caa1fc9");  // sha256 of the canonical JSON, computed apart (Python)
  }

  @Test
  void of_differsForAnyDifferentField() {
    ImageRecord record = SeedJson.fromJson(RECORD);
    String hash = PageContentHash.of(1796304416118L, 1796304424264L, List.of(record));
    assertThat(PageContentHash.of(1796304416118L, 1796304424265L, List.of(record))).isNotEqualTo(hash);
    ImageRecord other = SeedJson.fromJson(RECORD);
    other.setEstimateTime(96);
    assertThat(PageContentHash.of(1796304416118L, 1796304424264L, List.of(other))).isNotEqualTo(hash);
  }
}
