package io.byproduct.gateway.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON of the wire: strict parsing of what clients send (duplicate keys and trailing content are
 * errors) and the gateway's answers {@code {"ack":n}} and {@code {"error":{"q":..,"code":..,
 * "message":..}}}.
 */
final class WireJson {

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

  private WireJson() {}

  /** The JSON tree of a message, or a {@code malformed-json} rejection saying where it broke. */
  static JsonNode parse(byte[] bytes) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(bytes);
    } catch (JacksonException e) {
      throw new Rejection(RejectReason.MALFORMED_JSON, null, "malformed JSON" + at(e.getLocation()) + ": " + firstLine(e.getOriginalMessage()));
    }
    if (tree == null || tree.isMissingNode()) {
      throw new Rejection(RejectReason.MALFORMED_JSON, null, "malformed JSON: the message is empty");
    }
    return tree;
  }

  static String ack(long seq) {
    return "{\"ack\":" + seq + "}";
  }

  static String error(Rejection rejection) {
    return error(rejection.firstSeq(), rejection.reason().code(), rejection.getMessage());
  }

  static String error(Long firstSeq, String code, String message) {
    ObjectNode error = JsonNodeFactory.instance.objectNode();
    if (firstSeq == null) {
      error.putNull("q");
    } else {
      error.put("q", firstSeq);
    }
    error.put("code", code);
    error.put("message", message);
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.set("error", error);
    return MAPPER.writeValueAsString(answer);
  }

  static byte[] bytes(JsonNode node) {
    return MAPPER.writeValueAsBytes(node);
  }

  private static String at(TokenStreamLocation location) {
    return location == null || location.getLineNr() < 0 ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String line = withoutQuotedInput(message.lines().findFirst().orElse(""));
    return line.length() <= 200 ? line : line.substring(0, 200) + "…";
  }

  /**
   * The parser's message without the input it quotes ({@code Unrecognized token 'A1B2C3'}): an
   * unquoted worker id would otherwise reach the answer, the logs and the dead letter's detail.
   * Single characters and JSON's literals stay.
   */
  static String withoutQuotedInput(String message) {
    Matcher quoted = QUOTED.matcher(message);
    StringBuilder out = new StringBuilder();
    while (quoted.find()) {
      String text = quoted.group(1);
      boolean keep = text.length() <= 1 || text.equals("null") || text.equals("true") || text.equals("false");
      quoted.appendReplacement(out, Matcher.quoteReplacement(keep ? quoted.group() : "'…'"));
    }
    quoted.appendTail(out);
    return out.toString();
  }
}
