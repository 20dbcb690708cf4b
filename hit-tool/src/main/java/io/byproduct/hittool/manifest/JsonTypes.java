package io.byproduct.hittool.manifest;

import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/** How a problem names the JSON type that was given where another was expected. */
final class JsonTypes {

  private JsonTypes() {}

  static String describe(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }

  static String describe(JsonNode node) {
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isNumber()) {
      return "the number " + node;
    }
    if (node.isBoolean()) {
      return node.toString();
    }
    return node.toString();
  }
}
