package io.byproduct.deploy.containers;

import org.testcontainers.DockerClientFactory;

/** Whether Testcontainers finds a Docker engine, asked once, with the reason when not. */
final class DockerAvailability {

  private static Boolean available;
  private static String reason = "not checked";

  private DockerAvailability() {}

  static synchronized boolean check() {
    if (available == null) {
      try {
        available = DockerClientFactory.instance().isDockerAvailable();
        reason = available ? "available" : "Testcontainers found no valid Docker environment";
      } catch (RuntimeException | LinkageError e) {
        available = false;
        reason = e.toString();
      }
    }
    return available;
  }

  static synchronized String reason() {
    return reason;
  }
}
