package io.byproduct.gateway.hitflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.platform.workers.WorkerPseudonyms;
import io.byproduct.schemas.event.InterfaceVersion;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ExperimentGroupsTest {

  private final WorkerPseudonyms pseudonyms = new WorkerPseudonyms("experiment-groups-test-key-0123456789");

  @Test
  void newWorkers_areSpreadOverTheFourVersions_aboutEvenly() {
    Map<InterfaceVersion, Integer> counts = new EnumMap<>(InterfaceVersion.class);
    for (int w = 0; w < 4000; w++) {
      counts.merge(ExperimentGroups.versionFor(pseudonyms.pseudonymise("A" + w + "WORKER"), List.of()), 1, Integer::sum);
    }

    assertThat(counts).hasSize(4);
    assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(900, 1100));
  }

  @Test
  void aWorker_keepsTheVersionOfTheirEarlierAnnotation_andTheSameOneOnReload() {
    String pseudonym = pseudonyms.pseudonymise("A1WORKER");
    var earlier = JsonMapper.builder().build().readTree("{\"id\":\"a\",\"version\":\"POINTER_NO_ORIGINAL\"}");

    assertThat(ExperimentGroups.versionFor(pseudonym, List.of(earlier))).isEqualTo(InterfaceVersion.POINTER_NO_ORIGINAL);
    assertThat(ExperimentGroups.versionFor(pseudonym, List.of())).isEqualTo(ExperimentGroups.versionFor(pseudonym, List.of()));
  }
}
