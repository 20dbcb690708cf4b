package io.byproduct.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.schemas.record.HoverActionKind;
import io.byproduct.schemas.record.ImageRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SeedJsonTest {

  /** The per-image record exactly as the seed's README documents it. */
  static final String README_EXAMPLE = """
      {
        "imageID": "n01440764/n01440764_105",
        "originalImageHeight": 375,
        "originalImageWidth": 500,
        "imageHeight": 243,
        "imageWidth": 243,
        "imagePosition": {"x": 857, "y": 1976},
        "hoveredRecord": [
          {"action": "enter", "time": 1641425051975},
          {"action": "leave", "time": 1641425052740}
        ],
        "mouseTracking": [
          {"x": 0.0030864197530864196, "y": 0.629629629629629, "time": 1641425051975},
          {"x": 0.44135802469135804, "y": 0.6008230452674898, "time": 1641425052027}
        ],
        "selected": true,
        "selectedRecord": [
            {"x": 0.5401234567901234, "y": 0.4732510288065844, "time": 1641425052319}
        ],
        "worker_id": "47DBDD543E"
      }
      """;

  private final JsonMapper mapper = JsonMapper.builder().build();

  @Test
  void readmeExample_roundTrips_withTheSeedsFieldsNestingAndOrder() {
    ImageRecord record = SeedJson.fromJson(README_EXAMPLE);

    JsonNode rendered = mapper.readTree(SeedJson.toJson(record));

    JsonNode expected = mapper.readTree(README_EXAMPLE);
    List<String> seedFields = new ArrayList<>(expected.propertyNames());
    List<String> renderedFields = new ArrayList<>(rendered.propertyNames());
    assertThat(renderedFields.subList(0, seedFields.size())).containsExactlyElementsOf(seedFields);
    assertThat(renderedFields.subList(seedFields.size(), renderedFields.size()))
        .containsExactly("selectedCount", "hoveredCount", "estimateTime");
    for (String field : seedFields) {
      assertThat(rendered.get(field)).as(field).isEqualTo(expected.get(field));
    }
  }

  @Test
  void fromJson_withoutCounters_derivesThemAsTheOriginalCounts() {
    ImageRecord record = SeedJson.fromJson(README_EXAMPLE);

    assertThat(record.getHoveredCount()).isEqualTo(1);
    assertThat(record.getSelectedCount()).isEqualTo(1);
    assertThat(record.getHoveredRecord().get(0).getAction()).isEqualTo(HoverActionKind.enter);
    assertThat(record.getMouseTracking().get(1).getX()).isEqualTo(0.44135802469135804);
    assertThat(record.getWorkerId()).isEqualTo("47DBDD543E");
  }

  @Test
  void fromJson_wrongType_namesTheField() {
    String broken = README_EXAMPLE.replace("\"selected\": true", "\"selected\": \"yes\"");

    assertThatThrownBy(() -> SeedJson.fromJson(broken))
        .isInstanceOf(InvalidSeedJsonException.class)
        .hasMessageStartingWith("selected:");
  }

  @Test
  void fromJson_unknownHoverAction_namesTheFieldAndValue() {
    String broken = README_EXAMPLE.replace("\"leave\"", "\"exit\"");

    assertThatThrownBy(() -> SeedJson.fromJson(broken))
        .isInstanceOf(InvalidSeedJsonException.class)
        .hasMessageContaining("hoveredRecord[].action")
        .hasMessageContaining("exit");
  }

  @Test
  void fromJson_notJson_isRefusedClearly() {
    assertThatThrownBy(() -> SeedJson.fromJson("{\"imageID\": "))
        .isInstanceOf(InvalidSeedJsonException.class)
        .hasMessageContaining("not valid JSON");
  }
}
