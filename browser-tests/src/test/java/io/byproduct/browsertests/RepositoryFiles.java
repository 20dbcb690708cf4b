package io.byproduct.browsertests;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository these tests check, found from the module's working directory upwards. */
public final class RepositoryFiles {

    private RepositoryFiles() {
    }

    /** The file at {@code relative} under the nearest folder, from the working directory up, that has it. */
    public static Path find(String relative) {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " not found in " + start + " or any folder above it");
    }

    /** Where tests save screenshots: {@code -Dbyproduct.screenshots}, else {@code target/screenshots}. */
    public static Path screenshots() {
        String configured = System.getProperty("byproduct.screenshots");
        return Path.of(configured == null || configured.isBlank() ? "target/screenshots" : configured);
    }
}
