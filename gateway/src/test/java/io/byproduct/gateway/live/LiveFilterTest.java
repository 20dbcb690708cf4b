package io.byproduct.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

class LiveFilterTest {

  private static MultiValueMap<String, String> query(String... pairs) {
    MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      query.add(pairs[i], pairs[i + 1]);
    }
    return query;
  }

  @Test
  void parse_nothing_isEverythingFromNowOn() {
    LiveFilter filter = LiveFilter.parse(query());
    assertThat(filter.streams()).isEqualTo(EnumSet.allOf(LiveFilter.Stream.class));
    assertThat(filter.from()).isEqualTo(LiveFilter.From.LATEST);
    assertThat(filter.matches("any", "any", "any")).isTrue();
  }

  @Test
  void parse_everyCriterion_combinesThem() {
    LiveFilter filter = LiveFilter.parse(query("streams", "pages, events", "dataset", "ds", "hit", "h1", "class", "n01",
        "annotation", "a1", "from", "2026-03-01T00:00:00Z"));
    assertThat(filter.streams()).containsExactlyInAnyOrder(LiveFilter.Stream.PAGES, LiveFilter.Stream.EVENTS);
    assertThat(filter.classId()).isEqualTo("n01");
    assertThat(filter.from().time()).isEqualTo(1772323200000L);
    assertThat(filter.matches("ds", "h1", "a1")).isTrue();
    assertThat(filter.matches("ds", "h2", "a1")).isFalse();
    assertThat(filter.matches(null, "h1", "a1")).isFalse();
  }

  @Test
  void parse_fromEarliestOrEpochMillis() {
    assertThat(LiveFilter.parse(query("from", "earliest")).from()).isEqualTo(LiveFilter.From.EARLIEST);
    assertThat(LiveFilter.parse(query("from", "1767225600000")).from().time()).isEqualTo(1767225600000L);
  }

  @Test
  void parse_badValues_nameTheParameter() {
    assertThatThrownBy(() -> LiveFilter.parse(query("streams", "events,clicks")))
        .hasMessage("streams: 'clicks' is not one of events, images, pages");
    assertThatThrownBy(() -> LiveFilter.parse(query("from", "yesterday")))
        .hasMessage("from: 'yesterday' is not latest, earliest, an ISO-8601 time or epoch ms");
    assertThatThrownBy(() -> LiveFilter.parse(query("dataset", "a", "dataset", "b")))
        .hasMessage("dataset: given 2 times; give it once");
  }
}
