package io.byproduct.gateway.ingest;

import static io.byproduct.gateway.ingest.JsonFields.id;
import static io.byproduct.gateway.ingest.JsonFields.integer;
import static io.byproduct.gateway.ingest.JsonFields.optionalId;

import io.byproduct.platform.workers.AssignmentBinding;
import io.byproduct.platform.workers.WorkerPseudonyms;
import io.byproduct.schemas.event.InterfaceVersion;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the hello that opens a connection ({@code {"hello":{"v":1,"s":..,"a":..,"ds":..,"h":..,
 * "w":..,"as":..,"hi":..,"ver":..,"k":..}}}), pseudonymises the worker id at once and checks that
 * {@code k} is the capability the gateway issued for this annotation and these ids
 * ({@link AssignmentBinding}): a hello with someone else's annotation id is refused ({@code forbidden}).
 */
final class HelloDecoder {

  /** The only wire version so far. */
  static final int WIRE_VERSION = 1;
  private static final Set<String> FIELDS = new LinkedHashSet<>(List.of("v", "s", "a", "ds", "h", "w", "as", "hi", "ver", "k"));
  static final String CAPABILITY_HELP = "get it from POST /api/imagenet/{hitDatasetName}/hits/{imageNetHitId}/assignment";

  private final WorkerPseudonyms pseudonyms;
  private final AssignmentBinding binding;

  HelloDecoder(WorkerPseudonyms pseudonyms, AssignmentBinding binding) {
    this.pseudonyms = pseudonyms;
    this.binding = binding;
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
    String capability = optionalId(hello.get("k"), where, "k");
    String pseudonym = pseudonyms.pseudonymise(rawWorkerId);
    if (capability == null) {
      throw new Rejection(RejectReason.FORBIDDEN, null, where + ": k (the assignment's capability) is required; " + CAPABILITY_HELP);
    }
    if (!binding.holds(capability, annotationId, dataset, imageNetHitId, pseudonym, assignmentId, hitId)) {
      throw new Rejection(RejectReason.FORBIDDEN, null, where + ": k is not the capability of annotation a for these"
          + " worker, assignment and HIT ids; " + CAPABILITY_HELP);
    }
    return new SessionContext(sessionId, annotationId, dataset, imageNetHitId, pseudonym, assignmentId, hitId, version);
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
