package io.byproduct.gateway.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads typed values out of a JSON tree and refuses wrong ones with a {@link Rejection} whose
 * message has the shape {@code <where>: <name> <what is wrong>}, e.g. {@code e[3][4]: x must be
 * 0..10000, was 12000}. Identifiers are never echoed (they may be personal); numbers are.
 */
final class JsonFields {

  /** Longest identifier accepted. */
  static final int MAX_ID_LENGTH = 256;
  /** Largest integer a browser represents exactly (2^53 - 1). */
  static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

  private JsonFields() {}

  static boolean absent(JsonNode node) {
    return node == null || node.isMissingNode();
  }

  static long integer(JsonNode node, String where, String name, long min, long max) {
    require(node, where, name);
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw Rejection.invalid(where + ": " + name + " must be an integer " + range(min, max) + ", was " + describe(node));
    }
    long value = node.longValue();
    if (value < min || value > max) {
      throw Rejection.invalid(where + ": " + name + " must be " + range(min, max) + ", was " + value);
    }
    return value;
  }

  static int intIn(JsonNode node, String where, String name, int min, int max) {
    return (int) integer(node, where, name, min, max);
  }

  /** {@code 0} or {@code 1} as false or true. */
  static boolean flag(JsonNode node, String where, String name) {
    require(node, where, name);
    if (!node.isIntegralNumber() || !node.canConvertToLong() || (node.longValue() != 0 && node.longValue() != 1)) {
      throw Rejection.invalid(where + ": " + name + " must be 0 or 1, was " + describe(node));
    }
    return node.longValue() == 1;
  }

  static double number(JsonNode node, String where, String name, double min, double max) {
    require(node, where, name);
    if (!node.isNumber()) {
      throw Rejection.invalid(where + ": " + name + " must be a number, was " + describe(node));
    }
    double value = node.doubleValue();
    if (!(value >= min && value <= max)) {
      throw Rejection.invalid(where + ": " + name + " must be " + min + ".." + max + ", was " + describe(node));
    }
    return value;
  }

  /** A required identifier: non-blank, at most 256 characters, without '|'. */
  static String id(JsonNode node, String where, String name) {
    require(node, where, name);
    if (node.isNull()) {
      throw Rejection.invalid(where + ": " + name + " must be a string, was null");
    }
    return checkedId(node, where, name);
  }

  /** An identifier that may be null or absent (then {@code null}); otherwise as {@link #id}. */
  static String optionalId(JsonNode node, String where, String name) {
    if (absent(node) || node.isNull()) {
      return null;
    }
    return checkedId(node, where, name);
  }

  /** Any string of at most 256 characters (may be empty); for names and words, not identifiers. */
  static String text(JsonNode node, String where, String name) {
    require(node, where, name);
    if (!node.isString()) {
      throw Rejection.invalid(where + ": " + name + " must be a string, was " + describe(node));
    }
    String value = node.stringValue();
    if (value.length() > MAX_ID_LENGTH) {
      throw Rejection.invalid(where + ": " + name + " must be at most " + MAX_ID_LENGTH + " characters, has " + value.length());
    }
    return value;
  }

  static JsonNode array(JsonNode node, String where, String name) {
    require(node, where, name);
    if (!node.isArray()) {
      throw Rejection.invalid(where + ": " + name + " must be an array, was " + describe(node));
    }
    return node;
  }

  static JsonNode object(JsonNode node, String where, String name) {
    require(node, where, name);
    if (!node.isObject()) {
      throw Rejection.invalid(where + ": " + name + " must be an object, was " + describe(node));
    }
    return node;
  }

  /** A list of identifiers, e.g. the image table; element paths are {@code <name>[i]}. */
  static List<String> ids(JsonNode node, String where, String name) {
    array(node, where, name);
    List<String> ids = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      ids.add(id(node.get(i), where, name + "[" + i + "]"));
    }
    return List.copyOf(ids);
  }

  /** Refuses any property of {@code object} that is not one of {@code known}. */
  static void onlyKnown(JsonNode object, String where, Set<String> known) {
    for (String property : object.propertyNames()) {
      if (!known.contains(property)) {
        throw Rejection.invalid(where + ": unknown field '" + shorten(property) + "' (known: " + String.join(", ", known) + ")");
      }
    }
  }

  /** What a value is, for messages: numbers and literals as written, strings and containers by type. */
  static String describe(JsonNode node) {
    if (absent(node)) {
      return "missing";
    }
    if (node.isNumber() || node.isBoolean() || node.isNull()) {
      return shorten(node.toString());
    }
    if (node.isString()) {
      return "a string";
    }
    return node.isArray() ? "an array" : "an object";
  }

  private static String checkedId(JsonNode node, String where, String name) {
    if (!node.isString()) {
      throw Rejection.invalid(where + ": " + name + " must be a string, was " + describe(node));
    }
    String value = node.stringValue();
    if (value.isBlank()) {
      throw Rejection.invalid(where + ": " + name + " must not be blank");
    }
    if (value.length() > MAX_ID_LENGTH) {
      throw Rejection.invalid(where + ": " + name + " must be at most " + MAX_ID_LENGTH + " characters, has " + value.length());
    }
    if (value.indexOf('|') >= 0) {
      throw Rejection.invalid(where + ": " + name + " must not contain '|'");
    }
    return value;
  }

  private static void require(JsonNode node, String where, String name) {
    if (absent(node)) {
      throw Rejection.invalid(where + ": " + name + " is required");
    }
  }

  private static String range(long min, long max) {
    return max == Long.MAX_VALUE ? "≥ " + min : min + ".." + max;
  }

  private static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
