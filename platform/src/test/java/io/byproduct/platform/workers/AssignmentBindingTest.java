package io.byproduct.platform.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AssignmentBindingTest {

  private static final String PSEUDONYM = "0123456789ABCDEF";
  private final AssignmentBinding binding = new AssignmentBinding("a-secret-key-of-32-bytes-length!");

  /** Ids and capabilities handed to pages must stay valid across releases: pin the formulas. */
  @Test
  void annotationIdAndCapability_arePinnedByKnownAnswers() {
    // binding key = HMAC(key, "byproduct/assignment-binding/v1\0"); then HMAC over NUL-terminated parts (Python's hmac)
    String id = binding.annotationId("demo", "demo-hit-01", PSEUDONYM, "3ZASSIGN", "3XHIT");

    assertThat(id).isEqualTo("ead35554-bb2f-614d-6de2-313b36e74ca6");
    assertThat(binding.capability(id, "demo", "demo-hit-01", PSEUDONYM, "3ZASSIGN", "3XHIT"))
        .isEqualTo("ZAy6yOStLFfeoMCqkMJUZA");
  }

  @Test
  void holds_acceptsOnlyTheCapabilityOfTheSameAnnotationAndIds() {
    String id = binding.annotationId("demo", "h1", PSEUDONYM, "ASG", "HIT");
    String k = binding.capability(id, "demo", "h1", PSEUDONYM, "ASG", "HIT");

    assertThat(binding.holds(k, id, "demo", "h1", PSEUDONYM, "ASG", "HIT")).isTrue();
    assertThat(binding.holds(k, "another-annotation", "demo", "h1", PSEUDONYM, "ASG", "HIT")).isFalse();
    assertThat(binding.holds(k, id, "demo", "h1", "FEDCBA9876543210", "ASG", "HIT")).isFalse();
    assertThat(binding.holds(k, id, "demo", "h1", PSEUDONYM, "ASG2", "HIT")).isFalse();
    assertThat(binding.holds(k, id, "demo", "h1", PSEUDONYM, "ASG", "HIT2")).isFalse();
    assertThat(binding.holds(k, id, "demo", "h2", PSEUDONYM, "ASG", "HIT")).isFalse();
    assertThat(binding.holds(null, id, "demo", "h1", PSEUDONYM, "ASG", "HIT")).isFalse();
    assertThat(new AssignmentBinding("another-secret-key-of-32-bytes!!").holds(k, id, "demo", "h1", PSEUDONYM, "ASG", "HIT"))
        .isFalse();
  }

  @Test
  void isDerived_tellsOurPagesAnnotationsFromBrowserMadeIds() {
    String id = binding.annotationId("demo", "h1", PSEUDONYM, "ASG", "HIT");

    assertThat(binding.isDerived(id, "demo", "h1", PSEUDONYM, "ASG", "HIT")).isTrue();
    assertThat(binding.isDerived("5b1e0b6e-3c4d-4e5f-8a9b-0c1d2e3f4a5b", "demo", "h1", PSEUDONYM, "ASG", "HIT")).isFalse();
  }

  @Test
  void shortKey_isRefused_andNeverPrinted() {
    assertThatThrownBy(() -> new AssignmentBinding("short")).hasMessageContaining("at least 16 bytes");
    assertThat(binding.toString()).doesNotContain("secret");
  }
}
