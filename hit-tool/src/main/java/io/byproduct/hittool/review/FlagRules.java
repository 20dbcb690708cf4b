package io.byproduct.hittool.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The flags of an assignment from its stored pages ({@link FlagThresholds} says when): fails the
 * positive controls, selects the negative controls, too fast, all or none selected, selects images
 * it never hovered. Facts come from the stored pages and the HIT's review section only, never from
 * what the browser claimed.
 */
public final class FlagRules {

  private final FlagThresholds thresholds;

  public FlagRules(FlagThresholds thresholds) {
    this.thresholds = thresholds;
  }

  public List<Flag> evaluate(List<StoredPage> pages) {
    List<Flag> flags = new ArrayList<>();
    if (pages.isEmpty()) {
      flags.add(new Flag("no-stored-work", "None of your pages reached our server."));
      return flags;
    }
    int positives = 0;
    int positivesSelected = 0;
    int negatives = 0;
    int negativesSelected = 0;
    int uniform = 0;
    int selected = 0;
    int selectedUnhovered = 0;
    List<Long> durations = new ArrayList<>();
    for (StoredPage page : pages) {
      durations.add(page.durationMillis());
      int selectedOnPage = 0;
      for (StoredPage.Image image : page.images()) {
        StoredPage.Control control = page.controls().get(image.imageId());
        if (control == StoredPage.Control.POSITIVE) {
          positives++;
          positivesSelected += image.selected() ? 1 : 0;
        } else if (control == StoredPage.Control.NEGATIVE) {
          negatives++;
          negativesSelected += image.selected() ? 1 : 0;
        }
        if (image.selected()) {
          selectedOnPage++;
          selectedUnhovered += image.hoveredCount() == 0 ? 1 : 0;
        }
      }
      selected += selectedOnPage;
      if (!page.images().isEmpty() && (selectedOnPage == 0 || selectedOnPage == page.images().size())) {
        uniform++;
      }
    }
    if (positives > 0 && positivesSelected < thresholds.minPositiveControlShare() * positives) {
      flags.add(new Flag("fails-positive-controls", String.format(Locale.ROOT,
          "You selected %d of the %d images we know show the class.", positivesSelected, positives)));
    }
    if (negatives > 0 && negativesSelected > thresholds.maxNegativeControlShare() * negatives) {
      flags.add(new Flag("selects-negative-controls", String.format(Locale.ROOT,
          "You selected %d of the %d images we know do not show the class.", negativesSelected, negatives)));
    }
    double medianSeconds = median(durations) / 1000.0;
    if (medianSeconds < thresholds.minMedianPageSeconds()) {
      flags.add(new Flag("too-fast", String.format(Locale.ROOT,
          "Your pages took %.1f seconds each (median), too little to look at the images.", medianSeconds)));
    }
    if (uniform > thresholds.maxUniformPageShare() * pages.size()) {
      flags.add(new Flag("all-or-none-selected", String.format(Locale.ROOT,
          "On %d of your %d pages you selected every image or none.", uniform, pages.size())));
    }
    if (selected > 0 && selectedUnhovered > thresholds.maxUnhoveredSelectedShare() * selected) {
      flags.add(new Flag("selected-without-pointing", String.format(Locale.ROOT,
          "%d of the %d images you selected were never under your pointer.", selectedUnhovered, selected)));
    }
    return flags;
  }

  private static double median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }
}
