package io.byproduct.streamprocessor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StateKeysTest {

  @Test
  void pageKey_isTheAnnotationAndTheZeroPaddedPageNumber_asFormatWritesIt() {
    for (int pageNo : new int[] {-12, -1, 0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 123456}) {
      assertThat(StateKeys.pageKey("a-1", pageNo)).isEqualTo("a-1|" + String.format("%04d", pageNo));
    }
    assertThat(StateKeys.pageKey("a-1", 7)).isEqualTo("a-1|0007");
  }
}
