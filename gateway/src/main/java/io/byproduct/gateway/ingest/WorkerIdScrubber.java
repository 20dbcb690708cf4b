package io.byproduct.gateway.ingest;

import io.byproduct.platform.workers.WorkerPseudonyms;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps raw worker ids and assignment capabilities out of refused text (dead letters). Works on the
 * parsed JSON, not on its spelling: a key written {@code "\u0077"} is {@code w} once parsed. Every
 * property named {@code w}, {@code workerId}, {@code workerID} or {@code worker_id} (at any depth)
 * gets the pseudonym of its value instead, and every capability ({@code k}) becomes {@value
 * #REMOVED}: with a semi-public worker id, a capability read from the dead-letter topic would open
 * someone else's annotation. Text that does not parse (malformed, cut at the dead-letter limit, not
 * UTF-8) may hold either anywhere and in any spelling: if it could be a hello, name a worker or carry
 * a capability, it is withheld whole; the dead letter then keeps its length and SHA-256 and says why.
 */
final class WorkerIdScrubber {

  /** The text to keep ({@code null}: withheld) and a note for the dead letter's detail ({@code null}: none). */
  record Scrubbed(String text, String note) {}

  static final String REMOVED = "(removed)";
  private static final Set<String> WORKER_KEYS = Set.of("w", "workerid", "worker_id");
  private static final String CAPABILITY_KEY = "k";
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final WorkerPseudonyms pseudonyms;

  WorkerIdScrubber(WorkerPseudonyms pseudonyms) {
    this.pseudonyms = pseudonyms;
  }

  Scrubbed scrub(String text) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(text);
    } catch (JacksonException unparsable) {
      tree = null;
    }
    if (tree == null || tree.isMissingNode()) {
      return mayNameAWorker(text) ? withheld(text) : new Scrubbed(text, null);
    }
    return replaceSecrets(tree) ? new Scrubbed(MAPPER.writeValueAsString(tree), null) : new Scrubbed(text, null);
  }

  /**
   * Replaces the values of worker-id properties by pseudonyms and of capabilities by {@value
   * #REMOVED}; true if any was found.
   */
  private boolean replaceSecrets(JsonNode node) {
    boolean changed = false;
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> property : object.properties()) {
        JsonNode value = property.getValue();
        if (WORKER_KEYS.contains(property.getKey().toLowerCase(Locale.ROOT)) && !value.isNull()) {
          String raw = value.isString() ? value.stringValue() : value.toString();
          property.setValue(object.stringNode(pseudonyms.pseudonymise(raw)));
          changed = true;
        } else if (CAPABILITY_KEY.equals(property.getKey()) && !value.isNull()) {
          property.setValue(object.stringNode(REMOVED));
          changed = true;
        } else {
          changed |= replaceSecrets(value);
        }
      }
    } else if (node != null && node.isArray()) {
      for (JsonNode element : node) {
        changed |= replaceSecrets(element);
      }
    }
    return changed;
  }

  /**
   * Whether unparsable text could carry a worker id or a capability: a hello, a worker field, a
   * {@code k} field, or any escape (behind which any of them can hide). Lower-cased; quotes not
   * required (unquoted keys).
   */
  static boolean mayNameAWorker(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.contains("hello") || lower.contains("worker") || lower.contains("\\")
        || lower.matches("(?s).*[{,]\\s*['\"]?[wk]['\"]?\\s*:.*");
  }

  private static Scrubbed withheld(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new Scrubbed(null, "payload withheld: it does not parse as JSON and may hold a raw worker id ("
        + bytes.length + " bytes, sha256 " + sha256(bytes) + ")");
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
