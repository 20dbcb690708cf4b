package io.byproduct.localinfra;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where dynalite is installed: a folder holding {@code dynalite-child.js} and
 * {@code node_modules/dynalite}. The build installs it in {@code local-infra/dynalite} with npm.
 *
 * @param home the folder
 * @param node the Node.js executable (20 or newer)
 */
public record DynaliteInstall(Path home, String node) {

  public static final String HOME_PROPERTY = "byproduct.dynalite.home";
  public static final String HOME_ENV = "BYPRODUCT_DYNALITE_HOME";
  public static final String NODE_PROPERTY = "byproduct.dynalite.node";

  public Path childScript() {
    return home.resolve("dynalite-child.js");
  }

  /**
   * Looks in the system property {@value #HOME_PROPERTY}, then the environment variable
   * {@value #HOME_ENV}, then in {@code local-infra/dynalite} of the working directory or any
   * directory above it.
   */
  public static DynaliteInstall locate() {
    String node = System.getProperty(NODE_PROPERTY, "node");
    String configured = System.getProperty(HOME_PROPERTY, System.getenv(HOME_ENV));
    if (configured != null && !configured.isBlank()) {
      return of(Path.of(configured), node);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("local-infra").resolve("dynalite");
      if (isInstalled(candidate)) {
        return new DynaliteInstall(candidate, node);
      }
      if (dir.getFileName() != null && dir.getFileName().toString().equals("local-infra")
          && isInstalled(dir.resolve("dynalite"))) {
        return new DynaliteInstall(dir.resolve("dynalite"), node);
      }
    }
    throw new IllegalStateException("dynalite is not installed: no local-infra/dynalite/node_modules/dynalite"
        + " in " + Path.of("").toAbsolutePath() + " or above. Run './mvnw install -DskipTests' from the"
        + " repository root, or set -D" + HOME_PROPERTY + " (or " + HOME_ENV + ") to the folder that holds"
        + " dynalite-child.js and node_modules/dynalite.");
  }

  public static DynaliteInstall of(Path home, String node) {
    if (!isInstalled(home)) {
      throw new IllegalStateException(HOME_PROPERTY + "=" + home + " holds no dynalite-child.js and"
          + " node_modules/dynalite/cli.js; run 'npm ci' in local-infra/dynalite or fix the path.");
    }
    return new DynaliteInstall(home.toAbsolutePath(), node);
  }

  static boolean isInstalled(Path home) {
    return Files.isRegularFile(home.resolve("dynalite-child.js"))
        && Files.isRegularFile(home.resolve("node_modules/dynalite/cli.js"));
  }
}
