package io.byproduct.hittool.reviews;

import io.byproduct.hittool.hits.BuiltHit;
import io.byproduct.hittool.hits.Control;
import io.byproduct.hittool.hits.HitPage;
import io.byproduct.schemas.quality.ControlRole;
import io.byproduct.schemas.quality.HitReview;
import io.byproduct.schemas.quality.HitReviewPage;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A built HIT's review section as the {@code hit-reviews} record: every page's class and controls. */
public final class HitReviews {

  private HitReviews() {}

  /** The topic key: {@code hitDatasetName|hitId}. */
  public static String key(HitReview review) {
    return review.getHitDatasetName() + "|" + review.getHitId();
  }

  public static HitReview of(BuiltHit hit) {
    List<HitReviewPage> pages = hit.pages().stream().map(HitReviews::page).toList();
    return new HitReview(hit.dataset(), hit.id(), pages);
  }

  private static HitReviewPage page(HitPage page) {
    Map<String, ControlRole> controls = new TreeMap<>();
    page.controls().forEach((image, control) ->
        controls.put(image, control == Control.POSITIVE ? ControlRole.POSITIVE : ControlRole.NEGATIVE));
    return new HitReviewPage(page.pageno(), page.cls().id(), controls);
  }
}
