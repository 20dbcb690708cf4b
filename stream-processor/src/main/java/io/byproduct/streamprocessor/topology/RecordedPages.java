package io.byproduct.streamprocessor.topology;

import io.byproduct.schemas.deadletter.DeadLetterReason;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.PageRecorded;
import io.byproduct.schemas.event.PageSubmitted;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageSources;
import io.byproduct.schemas.record.PageStatus;
import io.byproduct.schemas.state.PageState;
import io.byproduct.streamprocessor.folding.StateLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A page the original front end's REST API recorded ({@code PageRecorded}): stored as sent, not
 * derived from events. Its per-image records become the page record field for field ({@code worker_id}
 * is the gateway's pseudonym), with source {@code rest} and the version's content hash; the page ends
 * and the annotation counts it like a submitted page.
 *
 * <p>A second version of a page that has ended (the gateway publishes each different version under
 * its own session, so it is not taken for a resend) is never stored over the first: it goes to the
 * dead letters as {@code page-revision}, whose origin offset points at the whole version, kept in
 * {@code interactions}. A page past the configured state limits goes there as {@code state-limit}.
 */
final class RecordedPages {

  private final PageLifecycles pages;
  private final HitAnnotations annotations;
  private final FoldOutput output;
  private final StateLimits limits;

  RecordedPages(PageLifecycles pages, HitAnnotations annotations, FoldOutput output, StateLimits limits) {
    this.pages = pages;
    this.annotations = annotations;
    this.output = output;
    this.limits = limits;
  }

  void record(Record<String, InteractionEvent> record, PageRecorded recorded) {
    InteractionEvent e = record.value();
    String pageKey = StateKeys.pageKey(e.getAnnotationId(), e.getPageNo());
    PageState ended = pages.ended(pageKey);
    if (ended != null) {
      output.refused(record, DeadLetterReason.PAGE_REVISION, "page " + e.getPageNo() + " of annotation "
          + e.getAnnotationId() + " was already " + ended.getStatus() + "; this version (content hash "
          + recorded.getContentHash() + ", page id " + recorded.getPageId() + ") was not stored: the stored version"
          + " counts, this one stays whole in interactions at this letter's origin offset");
      return;
    }
    Optional<String> exceeded = overLimits(recorded.getImages());
    if (exceeded.isPresent()) {
      output.overLimit(record, "page " + e.getPageNo() + " of annotation " + e.getAnnotationId() + " "
          + exceeded.get() + "; the recorded page was not stored");
      return;
    }
    List<ImageRecord> images = new ArrayList<>(recorded.getImages().size());
    for (ImageRecord image : recorded.getImages()) {
      image.setWorkerId(e.getWorkerId());
      images.add(image);
    }
    PageRecord out = PageRecord.newBuilder()
        .setAnnotationId(e.getAnnotationId())
        .setPageId(recorded.getPageId())
        .setPageNo(e.getPageNo())
        .setHitDatasetName(e.getHitDatasetName())
        .setImageNetHitId(e.getImageNetHitId())
        .setWorkerId(e.getWorkerId())
        .setVersion(e.getVersion().name())
        .setStartedAt(recorded.getStartedAt())
        .setEndedAt(recorded.getEndedAt())
        .setStatus(PageStatus.SUBMITTED)
        .setEventCount(1)
        .setImages(images)
        .setSource(PageSources.REST)
        .setContentHash(recorded.getContentHash())
        .build();
    pages.endWith(out, pageKey, e, record.timestamp());
    annotations.pageSubmitted(e, new PageSubmitted(recorded.getPageId(), recorded.getStartedAt(), recorded.getLastPage()),
        record.timestamp());
  }

  /** The first configured state limit the recorded page passes, if any. */
  private Optional<String> overLimits(List<ImageRecord> images) {
    long tracks = 0;
    long hovers = 0;
    long selections = 0;
    for (ImageRecord image : images) {
      if (image.getMouseTracking().size() > limits.trackPointsPerImage()
          || image.getHoveredRecord().size() > limits.hoverRecordsPerImage()
          || image.getSelectedRecord().size() > limits.selectedRecordsPerImage()) {
        return Optional.of("image " + image.getImageID() + " has more records than the per-image limits allow");
      }
      tracks += image.getMouseTracking().size();
      hovers += image.getHoveredRecord().size();
      selections += image.getSelectedRecord().size();
    }
    if (images.size() > limits.imagesPerPage() || tracks > limits.trackPointsPerPage()
        || hovers > limits.hoverRecordsPerPage() || selections > limits.selectedRecordsPerPage()) {
      return Optional.of("has more images or records than the per-page limits allow");
    }
    return Optional.empty();
  }
}
