package io.byproduct.hittool.review;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Review through the MTurk API: lists every assignment of the HITs, decides each with the policy,
 * prints the summary, and — when told to act — approves and rejects the {@code Submitted} ones.
 * Assignments already approved or rejected are skipped, so a second run changes nothing.
 */
public final class ApiReview {

  /** What a run decided and did. */
  public record Result(ReviewSummary summary, int approved, int rejected, int failed) {}

  private final MturkClient mturk;
  private final ReviewPolicy policy;
  private final PrintWriter out;

  public ApiReview(MturkClient mturk, ReviewPolicy policy, PrintWriter out) {
    this.mturk = mturk;
    this.policy = policy;
    this.out = out;
  }

  public Result run(List<String> hitIds, boolean execute) {
    record Decided(MturkClient.Assignment assignment, Decision decision) {}
    List<Decided> decided = new ArrayList<>();
    ReviewSummary summary = new ReviewSummary();
    for (String hitId : hitIds) {
      for (MturkClient.Assignment a : mturk.listAssignmentsForHit(hitId)) {
        Decision decision = policy.decide(new ReviewPolicy.Submission(a.hitId(), a.assignmentId(), a.workerId(),
            a.status(), SurveyCodeAnswer.of(a.answerXml())));
        summary.add(decision);
        decided.add(new Decided(a, decision));
      }
    }
    summary.print(out, execute ? "review" : "review (dry run: nothing sent; add --execute to approve and reject)");
    int approved = 0;
    int rejected = 0;
    int failed = 0;
    if (execute) {
      for (Decided d : decided) {
        try {
          switch (d.decision().action()) {
            case APPROVE -> {
              mturk.approve(d.assignment().assignmentId(), null);
              approved++;
            }
            case REJECT -> {
              mturk.reject(d.assignment().assignmentId(), d.decision().feedback());
              rejected++;
            }
            case SKIP -> { }
          }
        } catch (MturkClient.MturkException e) {
          failed++;
          out.printf("review: assignment %s: %s%n", d.assignment().assignmentId(), e.getMessage());
        }
      }
      out.printf("review: %d approved, %d rejected, %d failed%n", approved, rejected, failed);
      out.flush();
    }
    return new Result(summary, approved, rejected, failed);
  }
}
