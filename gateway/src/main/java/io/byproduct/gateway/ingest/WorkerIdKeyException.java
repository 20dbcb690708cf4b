package io.byproduct.gateway.ingest;

import io.byproduct.platform.workers.SurveyCodes;
import io.byproduct.platform.workers.WorkerPseudonyms;
import java.nio.charset.StandardCharsets;

/**
 * A secret key of the gateway ({@code byproduct.gateway.worker-id-key},
 * {@code byproduct.gateway.survey-code-key}) is missing or too short. The message names the
 * property and never contains the value.
 */
public final class WorkerIdKeyException extends RuntimeException {

  static final String PROPERTY = "byproduct.gateway.worker-id-key";
  public static final String SURVEY_CODE_PROPERTY = "byproduct.gateway.survey-code-key";

  private final String property;
  private final String environment;
  private final String consequence;

  private WorkerIdKeyException(String property, String environment, String consequence, String problem) {
    super(problem);
    this.property = property;
    this.environment = environment;
    this.consequence = consequence;
  }

  /** The pseudonymiser for this key, or the exception saying what is wrong with it. */
  static WorkerPseudonyms pseudonymsFor(String key) {
    check(key, PROPERTY, "BYPRODUCT_GATEWAY_WORKERIDKEY", "to pseudonymise worker ids",
        "Keep it: a new key gives every worker a new pseudonym.");
    return new WorkerPseudonyms(key);
  }

  /** The survey codes for this key (its own, not the worker-id key), or the exception saying what is wrong with it. */
  public static SurveyCodes surveyCodesFor(String key) {
    check(key, SURVEY_CODE_PROPERTY, "BYPRODUCT_SURVEY_CODE_KEY", "to compute survey codes",
        "Keep it: hit-tool verify-codes needs the same key to check the codes workers were shown.");
    return new SurveyCodes(key);
  }

  private static void check(String key, String property, String environment, String purpose, String consequence) {
    if (key == null || key.isEmpty()) {
      throw new WorkerIdKeyException(property, environment, consequence,
          property + " is not set: the gateway needs a secret key " + purpose);
    }
    int bytes = key.getBytes(StandardCharsets.UTF_8).length;
    if (bytes < WorkerPseudonyms.MIN_KEY_BYTES) {
      throw new WorkerIdKeyException(property, environment, consequence, property + " is too short (" + bytes
          + " bytes): it must have at least " + WorkerPseudonyms.MIN_KEY_BYTES + " bytes");
    }
  }

  String action() {
    return "Set " + property + " to a random secret of at least " + WorkerPseudonyms.MIN_KEY_BYTES
        + " bytes (e.g. `openssl rand -hex 32`), from the environment as " + environment + ", never in git. "
        + consequence;
  }
}
