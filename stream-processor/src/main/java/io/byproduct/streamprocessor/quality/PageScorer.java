package io.byproduct.streamprocessor.quality;

import io.byproduct.schemas.quality.CandidateJudgement;
import io.byproduct.schemas.quality.ControlRole;
import io.byproduct.schemas.quality.HitReview;
import io.byproduct.schemas.quality.HitReviewPage;
import io.byproduct.schemas.quality.PageScore;
import io.byproduct.schemas.quality.QualityCounts;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scores one submitted page against its HIT's review section: which images were controls, which
 * candidates, what was selected, how long it took. A page of a HIT without a review section is
 * counted as unscored only (no class, so no candidate judgements).
 */
final class PageScorer {

  static final String UNKNOWN = "unknown";

  private final QualityThresholds thresholds;

  PageScorer(QualityThresholds thresholds) {
    this.thresholds = thresholds;
  }

  /** The de-duplication key: a page's id within its annotation (its number when it has no id). */
  static String pageKey(String annotationId, PageRecord page) {
    return annotationId + "|" + (page.getPageId() != null ? page.getPageId() : "#" + page.getPageNo());
  }

  static String hitKey(String dataset, String hitId) {
    return dataset + "|" + hitId;
  }

  PageScore score(String annotationId, PageRecord page, HitReview review) {
    HitReviewPage reviewed = review == null ? null : review.getPages().stream()
        .filter(p -> p.getPageNo() == page.getPageNo()).findFirst().orElse(null);
    PageScore.Builder score = PageScore.newBuilder()
        .setAnnotationId(annotationId)
        .setPageKey(pageKey(annotationId, page))
        .setHitDatasetName(orUnknown(page.getHitDatasetName()))
        .setHitId(orUnknown(page.getImageNetHitId()))
        .setWorkerId(orUnknown(page.getWorkerId()))
        .setVersion(orUnknown(page.getVersion()))
        .setPageNo(page.getPageNo())
        .setSign(1);
    if (reviewed == null) {
      return score.setCandidates(List.of())
          .setCounts(QualityCounts.newBuilder().setUnscoredPages(1).build()).build();
    }
    Map<String, ControlRole> controls = reviewed.getControls();
    QualityCounts.Builder counts = QualityCounts.newBuilder().setPages(1);
    List<CandidateJudgement> candidates = new ArrayList<>();
    long selected = 0;
    for (ImageRecord image : page.getImages()) {
      boolean isSelected = image.getSelected();
      selected += isSelected ? 1 : 0;
      if (isSelected && image.getHoveredCount() == 0) {
        counts.setSelectedNeverHovered(counts.getSelectedNeverHovered() + 1);
      }
      ControlRole role = controls.get(image.getImageID());
      if (role == ControlRole.POSITIVE) {
        counts.setPositivesShown(counts.getPositivesShown() + 1)
            .setPositivesSelected(counts.getPositivesSelected() + (isSelected ? 1 : 0));
      } else if (role == ControlRole.NEGATIVE) {
        counts.setNegativesShown(counts.getNegativesShown() + 1)
            .setNegativesSelected(counts.getNegativesSelected() + (isSelected ? 1 : 0));
      } else {
        candidates.add(new CandidateJudgement(image.getImageID(), isSelected));
      }
    }
    int shown = page.getImages().size();
    long millis = Math.max(0, Math.min(page.getEndedAt() - page.getStartedAt(), thresholds.maxPageTime().toMillis()));
    counts.setImagesShown(shown)
        .setImagesSelected(selected)
        .setPageMillis(millis)
        .setPagesTooFast(millis < thresholds.tooFastPage().toMillis() ? 1 : 0)
        .setPagesNoneSelected(selected == 0 ? 1 : 0)
        .setPagesAllSelected(shown > 0 && selected == shown ? 1 : 0);
    return score.setClassId(reviewed.getClassId()).setCandidates(candidates).setCounts(counts.build()).build();
  }

  private static String orUnknown(String value) {
    return value == null || value.isEmpty() ? UNKNOWN : value;
  }
}
