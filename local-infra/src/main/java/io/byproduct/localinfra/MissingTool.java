package io.byproduct.localinfra;

import java.util.regex.Pattern;

/**
 * The reason a test gives when a tool it needs is not on this machine (Chromium, docker-compose, a
 * Docker engine). It starts with a marker, {@code [missing tool: NAME]}, that the README's test
 * command ({@code ./test}, through {@code .ci/skip-summary}) finds in the surefire and failsafe
 * reports: it counts those skipped tests per module and tool and prints them at the end of the run,
 * so a missing tool is never a silent pass.
 */
public final class MissingTool {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*");

  private MissingTool() {
  }

  /** {@code [missing tool: NAME] DETAIL}; the name is a lower-case command name such as {@code chromium}. */
  public static String reason(String tool, String detail) {
    if (!NAME.matcher(tool).matches()) {
      throw new IllegalArgumentException("A tool's name is a lower-case command name ([a-z0-9.-]), not: " + tool);
    }
    return "[missing tool: " + tool + "] " + detail;
  }
}
