package io.byproduct.platform.workers;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonymises worker identifiers with a keyed HMAC (HMAC-SHA256, first 8 bytes as 16 upper-case
 * hex characters) before anything is written: the same worker always gets the same pseudonym
 * under one key, and without the key the MTurk id cannot be recovered or checked. The key is
 * never logged ({@link #toString()} does not show it).
 */
public final class WorkerPseudonyms {

  public static final int MIN_KEY_BYTES = 16;
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  public WorkerPseudonyms(String secret) {
    if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("the worker-id key must be at least " + MIN_KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /** The pseudonym of a raw worker id; {@code null} stays {@code null}. */
  public String pseudonymise(String rawWorkerId) {
    if (rawWorkerId == null) {
      return null;
    }
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] digest = mac.doFinal(rawWorkerId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().withUpperCase().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "WorkerPseudonyms[HMAC-SHA256, key hidden]";
  }
}
