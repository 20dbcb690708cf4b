package io.byproduct.gateway.ingest;

import io.byproduct.platform.workers.WorkerPseudonyms;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the raw worker id of a hello ({@code "w":"A1B2C3"}) in refused text by its pseudonym,
 * so that a dead letter never holds an MTurk id. Works on text that is not valid JSON (and on a
 * value cut off by truncation) because dead letters are exactly such text.
 */
final class WorkerIdScrubber {

  private static final Pattern WORKER_ID = Pattern.compile("(\"w\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)*)(\"|\\\\?$)");

  private final WorkerPseudonyms pseudonyms;

  WorkerIdScrubber(WorkerPseudonyms pseudonyms) {
    this.pseudonyms = pseudonyms;
  }

  String scrub(String text) {
    if (text.indexOf("\"w\"") < 0) {
      return text;
    }
    Matcher matcher = WORKER_ID.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (matcher.find()) {
      String replacement = matcher.group(1) + pseudonyms.pseudonymise(matcher.group(2)) + matcher.group(3);
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
