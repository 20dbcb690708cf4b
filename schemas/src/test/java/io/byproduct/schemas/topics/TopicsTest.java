package io.byproduct.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void defaults_nameEveryTopicOnce() {
    Topics topics = Topics.defaults();

    assertThat(topics.all()).extracting(Topic::name)
        .containsExactly("interactions", "images", "pages", "annotations", "dead-letters", "sandbox-annotations",
            "hit-reviews", "quality-images", "quality-workers", "quality-assignments")
        .doesNotHaveDuplicates();
  }

  @Test
  void withPrefix_prefixesEveryName() {
    Topics topics = Topics.withPrefix("study42.");

    assertThat(topics.all()).extracting(Topic::name).allMatch(n -> n.startsWith("study42."));
    assertThat(topics.pages.name()).isEqualTo("study42.pages");
  }

  @Test
  void withPrefix_illegalCharacters_areRefusedWithTheReason() {
    assertThatThrownBy(() -> Topics.withPrefix("bad prefix/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad prefix/")
        .hasMessageContaining("letters, digits");
  }
}
