package io.byproduct.platform.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SurveyCodesTest {

  private final SurveyCodes codes = new SurveyCodes("a-secret-key-of-32-bytes-length!");

  @Test
  void code_isSixUpperCaseHexCharacters_stablePerAssignment() {
    String code = codes.code("3XHIT", "A1WORKER", "3ZASSIGN");

    assertThat(code).matches("[0-9A-F]{6}").isEqualTo(codes.code("3XHIT", "A1WORKER", "3ZASSIGN"));
  }

  /** The formula must never change: codes already handed to workers are checked against it at review. */
  @Test
  void code_isPinnedByAKnownAnswer() {
    // HMAC-SHA256(key, "survey-code\0" "3XHIT\0" "A1WORKER\0" "3ZASSIGN\0"), first 3 bytes (computed with Python's hmac)
    assertThat(codes.code("3XHIT", "A1WORKER", "3ZASSIGN")).isEqualTo("35B417");
  }

  @Test
  void code_differsWhenAnyPartDiffers() {
    String code = codes.code("3XHIT", "A1WORKER", "3ZASSIGN");

    assertThat(codes.code("3XHIT2", "A1WORKER", "3ZASSIGN")).isNotEqualTo(code);
    assertThat(codes.code("3XHIT", "A1WORKER2", "3ZASSIGN")).isNotEqualTo(code);
    assertThat(codes.code("3XHIT", "A1WORKER", "3ZASSIGN2")).isNotEqualTo(code);
    assertThat(codes.code("3XHI", "TA1WORKER", "3ZASSIGN")).as("parts are separated").isNotEqualTo(code);
    assertThat(new SurveyCodes("another-secret-key-of-32-bytes!!").code("3XHIT", "A1WORKER", "3ZASSIGN")).isNotEqualTo(code);
  }

  @Test
  void verify_acceptsTheCodeInAnyCase_andRefusesOthers() {
    String code = codes.code("3XHIT", "A1WORKER", "3ZASSIGN");

    assertThat(codes.verify("3XHIT", "A1WORKER", "3ZASSIGN", " " + code.toLowerCase() + " ")).isTrue();
    assertThat(codes.verify("3XHIT", "A1WORKER", "3ZASSIGN", "FFFFFF".equals(code) ? "000000" : "FFFFFF")).isFalse();
    assertThat(codes.verify("3XHIT", "A1WORKER", "3ZASSIGN", null)).isFalse();
    assertThat(codes.verify("3XHIT", "A1WORKER", "3ZASSIGN", "12345")).isFalse();
  }

  @Test
  void shortKey_isRefused() {
    assertThatThrownBy(() -> new SurveyCodes("short")).hasMessageContaining("at least 16 bytes");
  }
}
