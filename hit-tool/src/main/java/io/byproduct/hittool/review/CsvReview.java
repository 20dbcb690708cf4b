package io.byproduct.hittool.review;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Review for MTurk's upload: decides every row of a batch results CSV, prints the summary, and
 * writes the same CSV with {@code Approve} / {@code Reject} filled in for the requester to upload
 * ("Review results" → "Upload CSV"). Rows MTurk already has as approved or rejected keep both empty.
 */
public final class CsvReview {

  private final ReviewPolicy policy;
  private final PrintWriter out;

  public CsvReview(ReviewPolicy policy, PrintWriter out) {
    this.policy = policy;
    this.out = out;
  }

  public ReviewSummary run(BatchResults results, Path upload) {
    ReviewSummary summary = new ReviewSummary();
    for (int row = 0; row < results.size(); row++) {
      Decision decision = policy.decide(results.submission(row));
      summary.add(decision);
      results.apply(row, decision);
    }
    summary.print(out, "review");
    results.write(upload);
    out.printf("review: wrote %s: upload it on MTurk (Manage → Review Results → Upload CSV)%n", upload);
    out.flush();
    return summary;
  }
}
