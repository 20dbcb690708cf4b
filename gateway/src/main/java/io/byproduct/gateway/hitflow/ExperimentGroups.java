package io.byproduct.gateway.hitflow;

import io.byproduct.schemas.event.InterfaceVersion;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Assigns an interface version to a worker when the HIT asks for {@code version=RANDOM}: the version
 * of the worker's earlier annotations in the dataset if there is one (a worker stays in one group),
 * otherwise one of the four picked by the worker's pseudonym, which is uniform over workers (groups
 * balanced in expectation) and the same on every reload.
 */
final class ExperimentGroups {

  private static final InterfaceVersion[] VERSIONS = InterfaceVersion.values();

  private ExperimentGroups() {}

  static InterfaceVersion versionFor(String workerPseudonym, List<JsonNode> earlierAnnotations) {
    for (JsonNode annotation : earlierAnnotations) {
      JsonNode version = annotation.get("version");
      if (version != null && version.isString()) {
        try {
          return InterfaceVersion.valueOf(version.asString());
        } catch (IllegalArgumentException ignored) {
          // not one of ours: assign below
        }
      }
    }
    // the pseudonym is 16 hex characters of an HMAC: its last digits are uniform
    int bucket = Integer.parseInt(workerPseudonym.substring(workerPseudonym.length() - 4), 16) % VERSIONS.length;
    return VERSIONS[bucket];
  }
}
