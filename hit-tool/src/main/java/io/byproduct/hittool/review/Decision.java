package io.byproduct.hittool.review;

import java.util.List;

/**
 * What to do with one assignment.
 *
 * @param action approve, reject, or leave as it is
 * @param summaryKey what the dry-run summary counts it under ("approve", "reject: too-fast", "skip: Approved")
 * @param feedback the text the worker reads (the rejection reason; empty when approved), at most
 *     {@value #MAX_FEEDBACK} characters as MTurk allows
 */
public record Decision(Action action, String summaryKey, String feedback) {

  public static final int MAX_FEEDBACK = 1024;

  /** The three outcomes. */
  public enum Action { APPROVE, REJECT, SKIP }

  static Decision reject(List<Flag> flags) {
    StringBuilder text = new StringBuilder();
    for (Flag flag : flags) {
      text.append(text.isEmpty() ? "" : " ").append(flag.reason());
    }
    String feedback = text.length() > MAX_FEEDBACK ? text.substring(0, MAX_FEEDBACK - 1) + "…" : text.toString();
    return new Decision(Action.REJECT, "reject: " + String.join(" + ", flags.stream().map(Flag::code).toList()),
        feedback);
  }
}
