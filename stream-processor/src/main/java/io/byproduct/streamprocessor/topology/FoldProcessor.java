package io.byproduct.streamprocessor.topology;

import io.byproduct.schemas.deadletter.DeadLetterReason;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.PageOpened;
import io.byproduct.schemas.event.PageSubmitted;
import io.byproduct.schemas.record.PageStatus;
import io.byproduct.schemas.serde.AvroSerde;
import io.byproduct.schemas.state.ImageState;
import io.byproduct.schemas.state.PageState;
import io.byproduct.streamprocessor.folding.FoldEvent;
import io.byproduct.streamprocessor.folding.ImageRules;
import io.byproduct.streamprocessor.folding.LimitCheck;
import io.byproduct.schemas.record.AnnotationRecord;
import io.byproduct.schemas.state.SeenEvents;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds the valid events of each input record (a batch; {@link EventBatch}), once each ({@link Deduplication}), into the per-image records of
 * open pages and the HIT-level annotation ({@link HitAnnotations}): each event through one
 * {@code switch} on its {@link FoldEvent} case. A page's life — open, emitted on Submit or when
 * abandoned, remembered to recognise late events, forgotten — is {@link PageLifecycles}; what is
 * emitted or refused goes through {@link FoldOutput}. Events for a page that has ended go to the
 * dead letters as late; events past a state limit as {@value FoldOutput#STATE_LIMIT}. The state a
 * batch changed is written once, after its last event ({@link DecodedValues#flush}).
 */
final class FoldProcessor implements Processor<String, EventBatch, String, Object> {

  /** Decoded values kept per store and task: a few open pages' worth per simulated worker on the partition. */
  static final int DECODED_PER_STORE = 1024;
  /** Dead-letter reason (and sensor) of an event that would take a page past a {@code StateLimits} bound. */
  static final String STATE_LIMIT = FoldOutput.STATE_LIMIT;
  /** How often ended pages and seen sessions older than {@code closed-retention} are forgotten (wall clock). */
  static final Duration SWEEP_INTERVAL = Duration.ofHours(1);

  private final CaptureOptions options;
  private final AvroSerde<InteractionEvent> events;
  private final LimitCheck limits;
  private FoldOutput output;
  private Deduplication deduplication;
  private HitAnnotations annotations;
  private PageLifecycles pages;
  private RecordedPages recorded;
  private List<DecodedValues<?>> stores;

  FoldProcessor(CaptureOptions options, AvroSerde<InteractionEvent> events) {
    this.options = options;
    this.events = events;
    this.limits = new LimitCheck(options.limits());
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    output = new FoldOutput(context, events, options.maxPageBytes());
    DecodedValues<SeenEvents> seen = decoded(context, CaptureTopology.SEEN_STORE);
    DecodedValues<AnnotationRecord> annotationState = decoded(context, CaptureTopology.ANNOTATION_STORE);
    DecodedValues<PageState> pageState = decoded(context, CaptureTopology.PAGE_STORE);
    DecodedValues<ImageState> imageState = decoded(context, CaptureTopology.IMAGE_STORE);
    DecodedValues<PageState> closedPages = decoded(context, CaptureTopology.CLOSED_STORE);
    stores = List.of(seen, annotationState, pageState, imageState, closedPages);
    deduplication = new Deduplication(seen, limits, output);
    annotations = new HitAnnotations(annotationState, output);
    pages = new PageLifecycles(context, options.abandonAfter(), output, pageState, imageState, closedPages);
    recorded = new RecordedPages(pages, annotations, output, options.limits());
    context.schedule(options.imageUpdateInterval(), PunctuationType.WALL_CLOCK_TIME, now -> {
      pages.emitChangesAndAbandon(now);
      flush();
    });
    context.schedule(SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> {
      forgetExpired(now);
      flush();
    });
  }

  /** Every state the batch (or punctuation) changed goes to its store, once. */
  private void flush() {
    stores.forEach(DecodedValues::flush);
  }

  /** The stores' values of the pages, images and sessions being worked on stay decoded between events. */
  private static <V> DecodedValues<V> decoded(ProcessorContext<String, Object> context, String store) {
    KeyValueStore<String, V> kv = context.getStateStore(store);
    return new DecodedValues<>(kv, DECODED_PER_STORE);
  }

  @Override
  public void close() {
    if (output != null) {
      output.close();
    }
  }

  /** Folds the batch's events one by one, then writes each state they changed once. */
  @Override
  public void process(Record<String, EventBatch> batch) {
    for (InteractionEvent event : batch.value().events()) {
      fold(batch.withValue(event));
    }
    flush();
  }

  private void fold(Record<String, InteractionEvent> record) {
    if (!deduplication.firstTime(record)) {
      return;
    }
    InteractionEvent e = record.value();
    FoldEvent event = FoldEvent.of(e.getPayload());
    switch (event.kind()) {
      case HIT_STARTED -> annotations.started(e, ((FoldEvent.HitStart) event).payload(), record.timestamp());
      case HIT_FINISHED -> annotations.finished(e, ((FoldEvent.HitFinish) event).payload(), record.timestamp());
      case PAGE_OPENED -> openPage(record, ((FoldEvent.PageOpen) event).payload());
      case PAGE_SUBMITTED -> submitPage(record, ((FoldEvent.PageSubmit) event).payload());
      case IMAGE -> foldImageEvent(record, (FoldEvent.ImageEvent) event);
      case PAGE_ACTIVITY -> countPageEvent(record);
      case PAGE_RECORDED -> recorded.record(record, ((FoldEvent.PageRecord) event).payload());
    }
  }

  private void openPage(Record<String, InteractionEvent> record, PageOpened opened) {
    String pageKey = pageKeyOf(record.value());
    PageState page = openPageOrLate(record, pageKey);
    if (page == null || overLimit(record, limits.images(page, PageLifecycles.newImages(page, opened)))) {
      return;
    }
    count(page, record);
    pages.open(page, pageKey, opened, record.value());
    pages.put(pageKey, page);
  }

  private void submitPage(Record<String, InteractionEvent> record, PageSubmitted submitted) {
    InteractionEvent e = record.value();
    String pageKey = pageKeyOf(e);
    PageState page = openPageOrLate(record, pageKey);
    if (page == null) {
      return;
    }
    count(page, record);
    pages.close(page, pageKey, PageStatus.SUBMITTED, submitted.getPageId(),
        submitted.getStartedAt(), e.getClientTime(), record.timestamp());
    annotations.pageSubmitted(e, submitted, record.timestamp());
  }

  /** An event with no rule of its own (focus, visibility) counts as an event of the page. */
  private void countPageEvent(Record<String, InteractionEvent> record) {
    String pageKey = pageKeyOf(record.value());
    PageState page = openPageOrLate(record, pageKey);
    if (page == null || overLimit(record, limits.events(page))) {
      return;
    }
    count(page, record);
    pages.put(pageKey, page);
  }

  private void foldImageEvent(Record<String, InteractionEvent> record, FoldEvent.ImageEvent event) {
    InteractionEvent e = record.value();
    String pageKey = pageKeyOf(e);
    PageState page = openPageOrLate(record, pageKey);
    if (page == null || overLimit(record, limits.events(page))) {
      return;
    }
    count(page, record);
    String imageId = event.imageId();
    ImageState image = pages.image(pageKey, imageId);
    if (image == null) {
      if (page.getStartedAt() != null && !page.getImageIds().contains(imageId)) {
        pages.put(pageKey, page);
        output.refused(record, DeadLetterReason.UNKNOWN_IMAGE, "image " + imageId + " is not on page " + e.getPageNo()
            + " of annotation " + e.getAnnotationId());
        return;
      }
      if (!page.getImageIds().contains(imageId) && overLimit(record, limits.images(page, 1))) {
        pages.put(pageKey, page);  // its event count and times changed: the decoded copy and the store agree
        return;
      }
      image = ImageRules.newImage(imageId, e.getWorkerId());
      if (!page.getImageIds().contains(imageId)) {
        page.getImageIds().add(imageId);
      }
    }
    if (overLimit(record, limits.imageEvent(page, image, event, e.getClientTime()))) {
      pages.put(pageKey, page);  // as above (and a new image's id may have joined the page)
      return;
    }
    int[] before = LimitCheck.sizes(image);
    event.applyTo(image, e.getClientTime());
    LimitCheck.count(page, image, before);
    pages.putImage(pageKey, imageId, image);
    if (!page.getDirtyImages().contains(imageId)) {
      page.getDirtyImages().add(imageId);
    }
    pages.put(pageKey, page);
  }

  private static String pageKeyOf(InteractionEvent e) {
    return StateKeys.pageKey(e.getAnnotationId(), e.getPageNo());
  }

  /** The open page the event belongs to (a new one if it is the page's first), or null if the page has ended (dead-lettered as late). */
  private PageState openPageOrLate(Record<String, InteractionEvent> record, String pageKey) {
    InteractionEvent e = record.value();
    PageState ended = pages.ended(pageKey);
    if (ended != null) {
      output.refused(record, DeadLetterReason.LATE_EVENT, "page " + e.getPageNo() + " of annotation " + e.getAnnotationId()
          + " was already " + ended.getStatus() + "; event " + e.getEventId() + " came after it");
      return null;
    }
    return pages.openOrNew(pageKey, e, record.timestamp());
  }

  /** The event joins the page: its count, client times and latest record time (the abandonment clock). */
  private static void count(PageState page, Record<String, InteractionEvent> record) {
    InteractionEvent e = record.value();
    page.setEventCount(page.getEventCount() + 1);
    page.setFirstClientTime(Math.min(page.getFirstClientTime(), e.getClientTime()));
    page.setLastClientTime(Math.max(page.getLastClientTime(), e.getClientTime()));
    page.setLastActivityAt(Math.max(page.getLastActivityAt(), record.timestamp()));
  }

  /**
   * Dead-letters the event if {@code exceeded} names a limit it would pass (the caller then keeps
   * the page as it was, or puts back what it already changed).
   *
   * @return whether the event was refused
   */
  private boolean overLimit(Record<String, InteractionEvent> record, Optional<String> exceeded) {
    if (exceeded.isEmpty()) {
      return false;
    }
    InteractionEvent e = record.value();
    output.overLimit(record, "page " + e.getPageNo() + " of annotation " + e.getAnnotationId() + " "
        + exceeded.get() + "; event " + e.getEventId() + " was not folded");
    return true;
  }

  /** The retention sweep: forgets pages that ended, and sessions last seen, more than {@code closed-retention} ago. */
  private void forgetExpired(long now) {
    long horizon = now - options.closedRetention().toMillis();
    pages.forgetEndedBefore(horizon);
    deduplication.forgetSeenBefore(horizon);
  }
}
