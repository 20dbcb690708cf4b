package io.byproduct.streamprocessor.quality;

import io.byproduct.schemas.quality.QualityCounts;
import io.byproduct.schemas.quality.QualityFlag;
import io.byproduct.schemas.quality.QualityFlagCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The checks that flag an assignment or a worker, each with a reason that names the numbers and the threshold. */
final class QualityFlags {

  private final QualityThresholds t;

  QualityFlags(QualityThresholds thresholds) {
    this.t = thresholds;
  }

  List<QualityFlag> of(QualityCounts c) {
    List<QualityFlag> flags = new ArrayList<>();
    long pages = c.getPages();
    if (c.getPositivesShown() >= t.minControls()
        && c.getPositivesSelected() < t.minPositiveAccuracy() * c.getPositivesShown()) {
      flags.add(flag(QualityFlagCode.FAILS_POSITIVE_CONTROLS, "selected %d of %d images known to show the class"
          + " (%s); at least %s expected", c.getPositivesSelected(), c.getPositivesShown(),
          pct((double) c.getPositivesSelected() / c.getPositivesShown()), pct(t.minPositiveAccuracy())));
    }
    long negativesRight = c.getNegativesShown() - c.getNegativesSelected();
    if (c.getNegativesShown() >= t.minControls() && negativesRight < t.minNegativeAccuracy() * c.getNegativesShown()) {
      flags.add(flag(QualityFlagCode.FAILS_NEGATIVE_CONTROLS, "selected %d of %d images known not to show the"
          + " class; at most %s expected", c.getNegativesSelected(), c.getNegativesShown(),
          pct(1 - t.minNegativeAccuracy())));
    }
    if (pages > 0 && c.getPagesTooFast() > t.tooFastShare() * pages) {
      flags.add(flag(QualityFlagCode.TOO_FAST, "%d of %d pages took less than %d s (more than %s)",
          c.getPagesTooFast(), pages, t.tooFastPage().toSeconds(), pct(t.tooFastShare())));
    }
    if (pages > 0 && c.getPagesNoneSelected() > t.allOrNoneShare() * pages) {
      flags.add(flag(QualityFlagCode.NONE_SELECTED, "%d of %d pages with no image selected (more than %s)",
          c.getPagesNoneSelected(), pages, pct(t.allOrNoneShare())));
    }
    if (pages > 0 && c.getPagesAllSelected() > t.allOrNoneShare() * pages) {
      flags.add(flag(QualityFlagCode.ALL_SELECTED, "%d of %d pages with every image selected (more than %s)",
          c.getPagesAllSelected(), pages, pct(t.allOrNoneShare())));
    }
    if (c.getImagesSelected() >= t.neverHoveredMinSelected()
        && c.getSelectedNeverHovered() > t.neverHoveredShare() * c.getImagesSelected()) {
      flags.add(flag(QualityFlagCode.SELECTED_NEVER_HOVERED, "%d of %d selected images were never pointed at"
          + " (more than %s)", c.getSelectedNeverHovered(), c.getImagesSelected(), pct(t.neverHoveredShare())));
    }
    if (c.getUnscoredPages() > 0) {
      flags.add(flag(QualityFlagCode.UNKNOWN_HIT, "%d page(s) of a HIT whose classes and controls are unknown"
          + " (no hit-reviews record): not scored", c.getUnscoredPages()));
    }
    return flags;
  }

  private static QualityFlag flag(QualityFlagCode code, String format, Object... args) {
    return new QualityFlag(code, String.format(Locale.ROOT, format, args));
  }

  private static String pct(double share) {
    return Math.round(share * 100) + "%";
  }
}
