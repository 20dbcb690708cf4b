package io.byproduct.platform.workers;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The survey code a worker pastes into MTurk after the last page: six upper-case hex characters,
 * the first 3 bytes of HMAC-SHA256 over ("survey-code", MTurk HIT id, raw worker id, assignment id)
 * under the gateway's secret key. Review recomputes it from MTurk's results, so a guessed code
 * (1 chance in 16.7 million) is told from a real one. The original front end always showed FFFFFF.
 */
public final class SurveyCodes {

  private static final String ALGORITHM = "HmacSHA256";
  private static final String DOMAIN = "survey-code";

  private final SecretKeySpec key;

  public SurveyCodes(String secret) {
    if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < WorkerPseudonyms.MIN_KEY_BYTES) {
      throw new IllegalArgumentException("the survey-code key must be at least " + WorkerPseudonyms.MIN_KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  public String code(String hitId, String workerId, String assignmentId) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      for (String part : new String[] {DOMAIN, hitId, workerId, assignmentId}) {
        mac.update((part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
      }
      return HexFormat.of().withUpperCase().formatHex(mac.doFinal(), 0, 3);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** Whether {@code code} (any case, surrounding spaces ignored) is the code of this assignment. */
  public boolean verify(String hitId, String workerId, String assignmentId, String code) {
    if (code == null) {
      return false;
    }
    byte[] expected = code(hitId, workerId, assignmentId).getBytes(StandardCharsets.US_ASCII);
    byte[] given = code.trim().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }

  @Override
  public String toString() {
    return "SurveyCodes[HMAC-SHA256, key hidden]";
  }
}
