package io.byproduct.gateway.ingest;

import io.byproduct.platform.workers.WorkerPseudonyms;
import java.nio.charset.StandardCharsets;

/**
 * The worker-id key ({@code byproduct.gateway.worker-id-key}) is missing or too short. The message
 * names the property and never contains the value.
 */
public final class WorkerIdKeyException extends RuntimeException {

  static final String PROPERTY = "byproduct.gateway.worker-id-key";

  private WorkerIdKeyException(String problem) {
    super(problem);
  }

  /** The pseudonymiser for this key, or the exception saying what is wrong with it. */
  static WorkerPseudonyms pseudonymsFor(String key) {
    if (key == null || key.isEmpty()) {
      throw new WorkerIdKeyException(PROPERTY + " is not set: the gateway needs a secret key to pseudonymise worker ids");
    }
    int bytes = key.getBytes(StandardCharsets.UTF_8).length;
    if (bytes < WorkerPseudonyms.MIN_KEY_BYTES) {
      throw new WorkerIdKeyException(PROPERTY + " is too short (" + bytes + " bytes): it must have at least "
          + WorkerPseudonyms.MIN_KEY_BYTES + " bytes");
    }
    return new WorkerPseudonyms(key);
  }

  String action() {
    return "Set " + PROPERTY + " to a random secret of at least " + WorkerPseudonyms.MIN_KEY_BYTES
        + " bytes (e.g. `openssl rand -hex 32`), from the environment as BYPRODUCT_GATEWAY_WORKERIDKEY, never in git."
        + " Keep it: a new key gives every worker a new pseudonym.";
  }
}
