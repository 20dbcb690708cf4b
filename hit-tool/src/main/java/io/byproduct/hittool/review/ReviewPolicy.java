package io.byproduct.hittool.review;

import io.byproduct.platform.workers.SurveyCodes;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides an assignment: left alone unless MTurk has it as {@code Submitted}; rejected when the
 * survey code is not the one the gateway showed for this (HIT, worker, assignment) or when the
 * flags say so; approved otherwise.
 */
public final class ReviewPolicy {

  static final Flag WRONG_CODE = new Flag("wrong-survey-code",
      "The survey code you entered is not the code this HIT showed you after its last page.");

  private final SurveyCodes codes;
  private final FlagsSource flags;

  public ReviewPolicy(SurveyCodes codes, FlagsSource flags) {
    this.codes = codes;
    this.flags = flags;
  }

  /** One assignment as MTurk reports it (results CSV or API). */
  public record Submission(String hitId, String assignmentId, String workerId, String status, String surveyCode) {}

  public Decision decide(Submission s) {
    String status = s.status() == null || s.status().isBlank() ? "Submitted" : s.status().trim();
    if (!status.equalsIgnoreCase("Submitted")) {
      return new Decision(Decision.Action.SKIP, "skip: already " + status, "");
    }
    List<Flag> found = new ArrayList<>();
    if (!codes.verify(s.hitId(), s.workerId(), s.assignmentId(), s.surveyCode())) {
      found.add(WRONG_CODE);
    }
    found.addAll(flags.flagsOf(s));
    return found.isEmpty() ? new Decision(Decision.Action.APPROVE, "approve", "") : Decision.reject(found);
  }
}
