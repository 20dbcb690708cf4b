package io.byproduct.streamprocessor.quality;

import io.byproduct.schemas.quality.QualityCounts;

/** Arithmetic on {@link QualityCounts}: a page's contribution added (sign +1) or taken back (sign -1). */
final class Counts {

  private Counts() {}

  static QualityCounts zero() {
    return QualityCounts.newBuilder().build();
  }

  /** A new record: {@code total + sign * page}. */
  static QualityCounts add(QualityCounts total, QualityCounts page, int sign) {
    return QualityCounts.newBuilder()
        .setPages(total.getPages() + sign * page.getPages())
        .setUnscoredPages(total.getUnscoredPages() + sign * page.getUnscoredPages())
        .setPageMillis(total.getPageMillis() + sign * page.getPageMillis())
        .setPagesTooFast(total.getPagesTooFast() + sign * page.getPagesTooFast())
        .setPagesNoneSelected(total.getPagesNoneSelected() + sign * page.getPagesNoneSelected())
        .setPagesAllSelected(total.getPagesAllSelected() + sign * page.getPagesAllSelected())
        .setImagesShown(total.getImagesShown() + sign * page.getImagesShown())
        .setImagesSelected(total.getImagesSelected() + sign * page.getImagesSelected())
        .setSelectedNeverHovered(total.getSelectedNeverHovered() + sign * page.getSelectedNeverHovered())
        .setPositivesShown(total.getPositivesShown() + sign * page.getPositivesShown())
        .setPositivesSelected(total.getPositivesSelected() + sign * page.getPositivesSelected())
        .setNegativesShown(total.getNegativesShown() + sign * page.getNegativesShown())
        .setNegativesSelected(total.getNegativesSelected() + sign * page.getNegativesSelected())
        .build();
  }

  /** positivesSelected / positivesShown, or null without positive controls. */
  static Double positiveAccuracy(QualityCounts c) {
    return c.getPositivesShown() == 0 ? null : (double) c.getPositivesSelected() / c.getPositivesShown();
  }

  /** The share of negative controls left unselected, or null without negative controls. */
  static Double negativeAccuracy(QualityCounts c) {
    return c.getNegativesShown() == 0 ? null : 1.0 - (double) c.getNegativesSelected() / c.getNegativesShown();
  }

  static Long meanPageMillis(QualityCounts c) {
    long scored = c.getPages();
    return scored == 0 ? null : c.getPageMillis() / scored;
  }

  static Double selectedShare(QualityCounts c) {
    return c.getImagesShown() == 0 ? null : (double) c.getImagesSelected() / c.getImagesShown();
  }
}
