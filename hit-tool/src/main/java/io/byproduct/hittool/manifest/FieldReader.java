package io.byproduct.hittool.manifest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of one JSON object of the manifest: reports wrong types, unknown and repeated
 * fields, and remembers each field's line for later problems.
 */
final class FieldReader {
  final ObjectFields object;
  final Where element;
  final List<Problem> problems;
  final Map<String, Where> fieldWheres = new LinkedHashMap<>();
  final Set<String> unusable = new HashSet<>();

  FieldReader(ObjectFields object, String file, Where element, List<String> known, List<Problem> problems) {
    this.object = object;
    this.element = element;
    this.problems = problems;
    object.lines().forEach((field, line) -> fieldWheres.put(field, new Where(file, line, element.path() + "." + field)));
    for (String field : object.values().keySet()) {
      if (!known.contains(field)) {
        problems.add(Problem.error(fieldWheres.get(field).toString(), unknownField(field, known)));
      }
    }
    for (String field : object.repeated()) {
      problems.add(Problem.error(fieldWheres.get(field).toString(), "'" + field + "' is given twice"));
    }
  }

  String string(String field) {
    JsonNode node = object.values().get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isString()) {
      wrongType(field, "a string", node);
      return null;
    }
    return node.stringValue();
  }

  List<String> strings(String field) {
    JsonNode node = object.values().get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isString()) {
      // a single string where a list is expected: accept it as a list of one
      return List.of(node.stringValue());
    }
    if (!node.isArray()) {
      wrongType(field, "an array of strings", node);
      return null;
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      if (!item.isString()) {
        problems.add(Problem.error(at(field) + "[" + i + "]", "must be a string, not " + JsonTypes.describe(item)));
        unusable.add(field);
      } else {
        values.add(item.stringValue());
      }
    }
    return unusable.contains(field) ? null : values;
  }

  private void wrongType(String field, String expected, JsonNode node) {
    problems.add(Problem.error(at(field).toString(), "must be " + expected + ", not " + JsonTypes.describe(node)));
    unusable.add(field);
  }

  Where at(String field) {
    return fieldWheres.getOrDefault(field, element.child(field));
  }

  <T> Located<T> located(T value) {
    return new Located<>(value, element, Map.copyOf(fieldWheres), Set.copyOf(unusable));
  }

  /** An unknown field's problem, with "did you mean ...?" for a near miss of a known one. */
  static String unknownField(String field, List<String> known) {
    String plain = normalise(field);
    for (String candidate : known) {
      if (normalise(candidate).equals(plain)) {
        return "unknown field '" + field + "': did you mean '" + candidate + "'?";
      }
    }
    return "unknown field '" + field + "' (known: " + String.join(", ", known) + ")";
  }

  private static String normalise(String name) {
    return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }
}
