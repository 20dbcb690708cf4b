package io.byproduct.hittool.review;

import java.util.List;

/**
 * The flags of an MTurk assignment. {@link StoredPageFlags} computes them from the stored pages
 * with {@link FlagRules}; the live quality API (issue 25, branch {@code quality}) can be plugged in
 * behind this interface later.
 */
@FunctionalInterface
public interface FlagsSource {

  /** The flags of the assignment (MTurk's HIT, assignment and raw worker id); empty when nothing is wrong. */
  List<Flag> flagsOf(ReviewPolicy.Submission assignment);

  /** No flags: decisions on the survey code alone. */
  static FlagsSource none() {
    return assignment -> List.of();
  }
}
