package io.byproduct.gateway.ingest;

import java.util.regex.Pattern;

/**
 * Removes the capability of a hello ({@code "k":"…"}) from refused text before it becomes a dead
 * letter: with a semi-public worker id, a capability read from the dead-letter topic would open
 * someone else's annotation. Works on text that is not valid JSON or was cut off, like
 * {@link WorkerIdScrubber}.
 */
final class CapabilityScrubber {

  static final String REMOVED = "(removed)";
  private static final Pattern CAPABILITY = Pattern.compile("(\"k\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*(\"|\\\\?$)");

  private CapabilityScrubber() {}

  static String scrub(String text) {
    if (text.indexOf("\"k\"") < 0) {
      return text;
    }
    return CAPABILITY.matcher(text).replaceAll("$1" + REMOVED + "$2");
  }
}
