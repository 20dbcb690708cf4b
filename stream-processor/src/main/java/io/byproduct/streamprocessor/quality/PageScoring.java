package io.byproduct.streamprocessor.quality;

import io.byproduct.schemas.quality.HitReview;
import io.byproduct.schemas.quality.PageScore;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Counts each submitted page once. Store {@value QualityTopology#SCORED_PAGES_STORE} keeps the
 * latest score of every page by its key (annotation id | page id): a resent page that scores the
 * same changes nothing; a revision that scores differently forwards the old score with sign -1
 * and then the new one, so every sum downstream holds the latest revision only. Abandoned pages
 * are not counted.
 */
final class PageScoring implements FixedKeyProcessor<String, PageRecord, PageScore> {

  private final PageScorer scorer;
  private FixedKeyProcessorContext<String, PageScore> context;
  private KeyValueStore<String, PageScore> scored;
  private KeyValueStore<String, ValueAndTimestamp<HitReview>> reviews;

  PageScoring(QualityThresholds thresholds) {
    this.scorer = new PageScorer(thresholds);
  }

  @Override
  public void init(FixedKeyProcessorContext<String, PageScore> context) {
    this.context = context;
    this.scored = context.getStateStore(QualityTopology.SCORED_PAGES_STORE);
    this.reviews = context.getStateStore(QualityTopology.HIT_REVIEWS_STORE);
  }

  @Override
  public void process(FixedKeyRecord<String, PageRecord> record) {
    PageRecord page = record.value();
    String annotationId = record.key();
    if (page == null || annotationId == null || page.getStatus() != PageStatus.SUBMITTED) {
      return;
    }
    PageScore score = scorer.score(annotationId, page, review(page));
    PageScore before = scored.get(score.getPageKey());
    if (score.equals(before)) {
      return;
    }
    scored.put(score.getPageKey(), score);
    if (before != null) {
      PageScore takeBack = PageScore.newBuilder(before).setSign(-1).build();
      context.forward(record.withValue(takeBack));
    }
    context.forward(record.withValue(score));
  }

  private HitReview review(PageRecord page) {
    if (page.getHitDatasetName() == null || page.getImageNetHitId() == null) {
      return null;
    }
    ValueAndTimestamp<HitReview> review =
        reviews.get(PageScorer.hitKey(page.getHitDatasetName(), page.getImageNetHitId()));
    return review == null ? null : review.value();
  }
}
