package io.byproduct.hittool.manifest;

import java.util.Map;
import java.util.Set;

/**
 * A value read from the input with where it came from, field by field; {@code unusable} names the
 * fields that were present but of the wrong type (already reported).
 */
record Located<T>(T value, Where where, Map<String, Where> fields, Set<String> unusable) {

  static <T> Located<T> inMemory(T value, String path) {
    return new Located<>(value, Where.inMemory(path), Map.of(), Set.of());
  }

  Where at(String field) {
    return fields.getOrDefault(field, where.child(field));
  }

  boolean usable(String field) {
    return !unusable.contains(field);
  }
}
