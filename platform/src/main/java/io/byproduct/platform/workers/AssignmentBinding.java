package io.byproduct.platform.workers;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Binds an annotation to the (worker, assignment) that started it, without server state.
 *
 * <ul>
 *   <li>The <b>annotation id</b> of a new assignment is derived: a UUID-shaped HMAC over (dataset,
 *       HIT, worker pseudonym, MTurk assignment id, MTurk HIT id). Only a caller who knows the
 *       assignment id (MTurk shows it to the worker who accepted it and to the requester only) can
 *       name it in advance, and the same proof gives the same id after a reload.
 *   <li>The <b>capability</b> ({@code k}) is an HMAC over the annotation id and the same five fields,
 *       22 base64url characters. The gateway issues it only to a caller who presented the ids, and
 *       requires it on the hello, on resume and on the survey code; it is never stored or logged.
 * </ul>
 *
 * <p>The binding key is derived from the worker-id key under its own label, so no new secret is
 * needed and neither MAC can be computed from the other's outputs.
 */
public final class AssignmentBinding {

  private static final String ALGORITHM = "HmacSHA256";
  private static final String KEY_LABEL = "byproduct/assignment-binding/v1";

  private final SecretKeySpec key;

  /** @param workerIdKey the gateway's worker-id key ({@code byproduct.gateway.worker-id-key}) */
  public AssignmentBinding(String workerIdKey) {
    if (workerIdKey == null || workerIdKey.getBytes(StandardCharsets.UTF_8).length < WorkerPseudonyms.MIN_KEY_BYTES) {
      throw new IllegalArgumentException("the worker-id key must be at least " + WorkerPseudonyms.MIN_KEY_BYTES + " bytes");
    }
    byte[] derived = mac(new SecretKeySpec(workerIdKey.getBytes(StandardCharsets.UTF_8), ALGORITHM), KEY_LABEL);
    this.key = new SecretKeySpec(derived, ALGORITHM);
  }

  /** The annotation id of a new assignment: 32 hex digits in the 8-4-4-4-12 form of a UUID. */
  public String annotationId(String hitDatasetName, String imageNetHitId, String workerPseudonym, String assignmentId,
      String hitId) {
    String hex = HexFormat.of().formatHex(mac(key, "annotation", hitDatasetName, imageNetHitId, workerPseudonym,
        assignmentId, hitId), 0, 16);
    return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20)
        + "-" + hex.substring(20);
  }

  /** The capability of an annotation bound to these ids: 22 base64url characters. */
  public String capability(String annotationId, String hitDatasetName, String imageNetHitId, String workerPseudonym,
      String assignmentId, String hitId) {
    byte[] mac = mac(key, "capability", annotationId, hitDatasetName, imageNetHitId, workerPseudonym, assignmentId, hitId);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(mac, 16));
  }

  /** Whether {@code presented} is the capability of the annotation with these ids (constant-time). */
  public boolean holds(String presented, String annotationId, String hitDatasetName, String imageNetHitId,
      String workerPseudonym, String assignmentId, String hitId) {
    if (presented == null || annotationId == null) {
      return false;
    }
    byte[] expected = capability(annotationId, hitDatasetName, imageNetHitId, workerPseudonym, assignmentId, hitId)
        .getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether the annotation id is the derived one of these ids, i.e. it was started by our page (not the seed API). */
  public boolean isDerived(String annotationId, String hitDatasetName, String imageNetHitId, String workerPseudonym,
      String assignmentId, String hitId) {
    return annotationId != null
        && annotationId.equals(annotationId(hitDatasetName, imageNetHitId, workerPseudonym, assignmentId, hitId));
  }

  private static byte[] mac(SecretKeySpec key, String... parts) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      for (String part : parts) {
        mac.update((part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "AssignmentBinding[HMAC-SHA256, key hidden]";
  }
}
