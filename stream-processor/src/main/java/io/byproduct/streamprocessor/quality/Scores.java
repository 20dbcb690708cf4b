package io.byproduct.streamprocessor.quality;

import io.byproduct.schemas.quality.AssignmentQuality;
import io.byproduct.schemas.quality.PageScore;
import io.byproduct.schemas.quality.QualityCounts;
import io.byproduct.schemas.quality.WorkerQuality;
import java.util.List;

/** The sums per assignment and per worker, with their ratios and flags recomputed on every page. */
final class Scores {

  private final QualityFlags flags;

  Scores(QualityThresholds thresholds) {
    this.flags = new QualityFlags(thresholds);
  }

  static AssignmentQuality noAssignment() {
    return AssignmentQuality.newBuilder().setAnnotationId("").setHitDatasetName("").setHitId("").setWorkerId("")
        .setCounts(Counts.zero()).setFlags(List.of()).build();
  }

  static WorkerQuality noWorker() {
    return WorkerQuality.newBuilder().setHitDatasetName("").setWorkerId("").setCounts(Counts.zero())
        .setFlags(List.of()).build();
  }

  static String workerKey(PageScore score) {
    return score.getHitDatasetName() + "|" + score.getWorkerId();
  }

  AssignmentQuality add(PageScore page, AssignmentQuality total) {
    QualityCounts c = Counts.add(total.getCounts(), page.getCounts(), page.getSign());
    return AssignmentQuality.newBuilder()
        .setAnnotationId(page.getAnnotationId()).setHitDatasetName(page.getHitDatasetName())
        .setHitId(page.getHitId()).setWorkerId(page.getWorkerId()).setCounts(c)
        .setPositiveAccuracy(Counts.positiveAccuracy(c)).setNegativeAccuracy(Counts.negativeAccuracy(c))
        .setMeanPageMillis(Counts.meanPageMillis(c)).setSelectedShare(Counts.selectedShare(c))
        .setFlags(flags.of(c)).build();
  }

  WorkerQuality add(PageScore page, WorkerQuality total) {
    QualityCounts c = Counts.add(total.getCounts(), page.getCounts(), page.getSign());
    return WorkerQuality.newBuilder()
        .setHitDatasetName(page.getHitDatasetName()).setWorkerId(page.getWorkerId()).setCounts(c)
        .setPositiveAccuracy(Counts.positiveAccuracy(c)).setNegativeAccuracy(Counts.negativeAccuracy(c))
        .setMeanPageMillis(Counts.meanPageMillis(c)).setSelectedShare(Counts.selectedShare(c))
        .setFlags(flags.of(c)).build();
  }
}
