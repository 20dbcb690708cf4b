package io.byproduct.platform.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkerPseudonymsTest {

  private final WorkerPseudonyms pseudonyms = new WorkerPseudonyms("a-secret-key-of-32-bytes-length!");

  @Test
  void pseudonymise_isStablePerWorker_andDiffersBetweenWorkers() {
    String first = pseudonyms.pseudonymise("A1B2C3D4E5F6G7");

    assertThat(first).matches("[0-9A-F]{16}").isEqualTo(pseudonyms.pseudonymise("A1B2C3D4E5F6G7"));
    assertThat(pseudonyms.pseudonymise("A1B2C3D4E5F6G8")).isNotEqualTo(first);
    assertThat(first).doesNotContain("A1B2C3");
  }

  /** Pseudonyms are join keys across every stored record: the formula must never change. */
  @Test
  void pseudonymise_isPinnedByAKnownAnswer() {
    // HMAC-SHA256(key, "A1B2C3D4E5F6G7"), first 8 bytes, upper-case hex (computed with Python's hmac)
    assertThat(pseudonyms.pseudonymise("A1B2C3D4E5F6G7")).isEqualTo("ED8363DCD313EFBE");
  }

  @Test
  void pseudonymise_dependsOnTheKey() {
    WorkerPseudonyms other = new WorkerPseudonyms("another-secret-key-of-32-bytes!!");

    assertThat(other.pseudonymise("A1B2C3D4E5F6G7")).isNotEqualTo(pseudonyms.pseudonymise("A1B2C3D4E5F6G7"));
  }

  @Test
  void shortKey_isRefused_andTheKeyIsNeverPrinted() {
    assertThatThrownBy(() -> new WorkerPseudonyms("short")).hasMessageContaining("at least 16 bytes");
    assertThat(pseudonyms.toString()).doesNotContain("secret");
  }

  @Test
  void nullWorker_staysNull() {
    assertThat(pseudonyms.pseudonymise(null)).isNull();
  }
}
