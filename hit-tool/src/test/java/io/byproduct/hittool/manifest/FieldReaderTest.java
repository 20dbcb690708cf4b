package io.byproduct.hittool.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FieldReaderTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void unknownFieldSuggestsTheKnownFieldItNearlyMatches() {
    List<String> known = List.of("id", "classID");
    assertThat(FieldReader.unknownField("class_id", known)).isEqualTo("unknown field 'class_id': did you mean 'classID'?");
    assertThat(FieldReader.unknownField("colour", known)).isEqualTo("unknown field 'colour' (known: id, classID)");
  }

  @Test
  void reportsWrongTypesUnknownAndRepeatedFieldsWithTheirLines() {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    values.put("id", JSON.readTree("7"));
    values.put("tags", JSON.readTree("[\"a\", 2]"));
    values.put("colour", JSON.readTree("\"red\""));
    Map<String, Integer> lines = Map.of("id", 3, "tags", 4, "colour", 5);
    List<Problem> problems = new ArrayList<>();
    FieldReader f = new FieldReader(new ObjectFields(2, values, lines, List.of("id")), "m.json",
        new Where("m.json", 2, "x[0]"), List.of("id", "tags"), problems);

    assertThat(f.string("id")).isNull();
    assertThat(f.strings("tags")).isNull();
    assertThat(f.string("missing")).isNull();
    assertThat(problems).extracting(Problem::toString).containsExactly(
        "m.json:5: x[0].colour: unknown field 'colour' (known: id, tags)",
        "m.json:3: x[0].id: 'id' is given twice",
        "m.json:3: x[0].id: must be a string, not the number 7",
        "m.json:4: x[0].tags[1]: must be a string, not the number 2");
    assertThat(f.located("v").usable("id")).isFalse();
    assertThat(f.located("v").usable("missing")).isTrue();
  }
}
