package io.byproduct.gateway.ingest;

import static io.byproduct.gateway.ingest.JsonFields.id;
import static io.byproduct.gateway.ingest.JsonFields.integer;
import static io.byproduct.gateway.ingest.JsonFields.optionalId;

import io.byproduct.platform.workers.WorkerPseudonyms;
import io.byproduct.schemas.event.InterfaceVersion;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the hello that opens a connection ({@code {"hello":{"v":1,"s":..,"a":..,"ds":..,"h":..,
 * "w":..,"as":..,"hi":..,"ver":..}}}) and pseudonymises the worker id at once.
 */
final class HelloDecoder {

  /** The only wire version so far. */
  static final int WIRE_VERSION = 1;
  private static final Set<String> FIELDS = new LinkedHashSet<>(List.of("v", "s", "a", "ds", "h", "w", "as", "hi", "ver"));

  private final WorkerPseudonyms pseudonyms;

  HelloDecoder(WorkerPseudonyms pseudonyms) {
    this.pseudonyms = pseudonyms;
  }

  /** @param hello the value of the {@code hello} property */
  SessionContext decode(JsonNode hello) {
    String where = "hello";
    JsonFields.object(hello, "message", "hello");
    JsonFields.onlyKnown(hello, where, FIELDS);
    integer(hello.get("v"), where, "v", WIRE_VERSION, WIRE_VERSION);
    String sessionId = id(hello.get("s"), where, "s");
    String annotationId = id(hello.get("a"), where, "a");
    String dataset = optionalId(hello.get("ds"), where, "ds");
    String imageNetHitId = optionalId(hello.get("h"), where, "h");
    String rawWorkerId = optionalId(hello.get("w"), where, "w");
    String assignmentId = optionalId(hello.get("as"), where, "as");
    String hitId = optionalId(hello.get("hi"), where, "hi");
    InterfaceVersion version = version(hello.get("ver"), where);
    return new SessionContext(sessionId, annotationId, dataset, imageNetHitId, pseudonyms.pseudonymise(rawWorkerId),
        assignmentId, hitId, version);
  }

  /** The annotation id of a hello that may be invalid, if it reads as one; for dead-letter keys. */
  static String annotationIdOf(JsonNode hello) {
    try {
      return hello != null && hello.isObject() ? id(hello.get("a"), "hello", "a") : null;
    } catch (Rejection notAnId) {
      return null;
    }
  }

  private static InterfaceVersion version(JsonNode node, String where) {
    String name = id(node, where, "ver");
    try {
      return InterfaceVersion.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw Rejection.invalid(where + ": ver must be one of " + Arrays.toString(InterfaceVersion.values())
          + ", was '" + (name.length() > 40 ? name.substring(0, 40) + "…" : name) + "'");
    }
  }
}
