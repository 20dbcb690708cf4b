package io.byproduct.streamprocessor.topology;

import io.byproduct.schemas.deadletter.DeadLetterReason;
import io.byproduct.schemas.event.HitFinished;
import io.byproduct.schemas.event.HitStarted;
import io.byproduct.schemas.event.HoverChanged;
import io.byproduct.schemas.event.ImageLaidOut;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.PageOpened;
import io.byproduct.schemas.event.PageSubmitted;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.event.SelectionToggled;
import io.byproduct.schemas.record.AnnotationRecord;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.ImageUpdate;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import io.byproduct.schemas.state.ImageState;
import io.byproduct.schemas.state.PageLifecycle;
import io.byproduct.schemas.state.PageState;
import io.byproduct.schemas.serde.AvroSerde;
import io.byproduct.schemas.state.SeenEvents;
import io.byproduct.streamprocessor.folding.ImageRules;
import io.byproduct.streamprocessor.folding.LimitCheck;
import io.byproduct.streamprocessor.folding.SeqRanges;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds valid interaction events, once each, into the per-image records of open pages and the
 * HIT-level annotation; emits changed images periodically, a page when it is submitted or
 * abandoned, and the annotation when it changes. Resent events (same session and sequence number)
 * change nothing; events for a page that has ended go to the dead letters as late.
 */
final class FoldProcessor implements Processor<String, InteractionEvent, String, Object> {

  /** Decoded values kept per store and task: a few open pages' worth per simulated worker on the partition. */
  static final int DECODED_PER_STORE = 1024;
  /** Dead-letter reason (and sensor) of an event that would take a page past a {@code StateLimits} bound. */
  static final String STATE_LIMIT = DeadLetterReason.STATE_LIMIT.code();

  private final CaptureOptions options;
  private final AvroSerde<InteractionEvent> events;
  private final AvroSerde<PageRecord> pageRecords = AvroSerde.of(PageRecord.class);
  private final LimitCheck limits;
  private ProcessorContext<String, Object> context;
  private Sensor overLimit;
  private DecodedValues<SeenEvents> seen;
  private DecodedValues<PageState> pages;
  private DecodedValues<ImageState> images;
  private DecodedValues<AnnotationRecord> annotations;
  private DecodedValues<PageState> closed;

  FoldProcessor(CaptureOptions options, AvroSerde<InteractionEvent> events) {
    this.options = options;
    this.events = events;
    this.limits = new LimitCheck(options.limits());
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    seen = decoded(context, CaptureTopology.SEEN_STORE);
    pages = decoded(context, CaptureTopology.PAGE_STORE);
    images = decoded(context, CaptureTopology.IMAGE_STORE);
    annotations = decoded(context, CaptureTopology.ANNOTATION_STORE);
    closed = decoded(context, CaptureTopology.CLOSED_STORE);
    overLimit = context.metrics().addRateTotalSensor("byproduct", "fold-pages-" + context.taskId(),
        STATE_LIMIT, Sensor.RecordingLevel.INFO);
    context.schedule(options.imageUpdateInterval(), PunctuationType.WALL_CLOCK_TIME, this::emitChangesAndAbandon);
    context.schedule(Duration.ofHours(1), PunctuationType.WALL_CLOCK_TIME, this::forgetExpired);
  }

  /** The stores' values of the pages, images and sessions being worked on stay decoded between events. */
  private static <V> DecodedValues<V> decoded(ProcessorContext<String, Object> context, String store) {
    KeyValueStore<String, V> kv = context.getStateStore(store);
    return new DecodedValues<>(kv, DECODED_PER_STORE);
  }

  static String pageKey(String annotationId, int pageNo) {
    if (pageNo < 0 || pageNo > 9999) {
      return annotationId + "|" + String.format("%04d", pageNo);
    }
    String digits = Integer.toString(pageNo);  // as %04d, without a Formatter per event
    return annotationId + "|" + "0000".substring(digits.length()) + digits;
  }

  static String imageKey(String pageKey, String imageId) {
    return pageKey + "|" + imageId;
  }

  @Override
  public void close() {
    if (overLimit != null) {
      context.metrics().removeSensor(overLimit);
    }
  }

  @Override
  public void process(Record<String, InteractionEvent> record) {
    InteractionEvent e = record.value();
    if (!firstTime(record)) {
      return;
    }
    Object payload = e.getPayload();
    if (payload instanceof HitStarted started) {
      AnnotationRecord annotation = annotationOf(e);
      annotation.setStartedAt(started.getStartedAt());
      annotation.setAnnotatorID(started.getAnnotatorId());
      emitAnnotation(annotation, record.timestamp());
      return;
    }
    if (payload instanceof HitFinished finished) {
      AnnotationRecord annotation = annotationOf(e);
      annotation.setIsDone(true);
      annotation.setPageCount(Math.max(annotation.getPageCount(), finished.getPageCount()));
      emitAnnotation(annotation, record.timestamp());
      return;
    }
    String pageKey = pageKey(e.getAnnotationId(), e.getPageNo());
    PageState ended = closed.get(pageKey);
    if (ended != null) {
      deadLetter(record, DeadLetterReason.LATE_EVENT, "page " + e.getPageNo() + " of annotation " + e.getAnnotationId()
          + " was already " + ended.getStatus() + "; event " + e.getEventId() + " came after it");
      return;
    }
    PageState page = pages.get(pageKey);
    if (page == null) {
      page = newPage(e, record.timestamp());
    }
    boolean endsOrBegins = payload instanceof PageOpened || payload instanceof PageSubmitted;
    if (!endsOrBegins && overLimit(record, limits.events(page))) {
      return;
    }
    if (payload instanceof PageOpened opened && overLimit(record, limits.images(page, newImages(page, opened)))) {
      return;
    }
    page.setEventCount(page.getEventCount() + 1);
    page.setFirstClientTime(Math.min(page.getFirstClientTime(), e.getClientTime()));
    page.setLastClientTime(Math.max(page.getLastClientTime(), e.getClientTime()));
    page.setLastActivityAt(Math.max(page.getLastActivityAt(), record.timestamp()));

    if (payload instanceof PageOpened opened) {
      open(page, pageKey, opened, e);
    } else if (payload instanceof PageSubmitted submitted) {
      close(page, pageKey, PageStatus.SUBMITTED, submitted.getPageId(),
          submitted.getStartedAt(), e.getClientTime(), record.timestamp());
      AnnotationRecord annotation = annotationOf(e);
      annotation.setPageCount(Math.max(annotation.getPageCount(), e.getPageNo()));
      annotation.setEndedAt(e.getClientTime());
      if (submitted.getLastPage()) {
        annotation.setIsDone(true);
      }
      emitAnnotation(annotation, record.timestamp());
      return;
    } else if (isImageEvent(payload)) {
      String imageId = imageIdOf(payload);
      ImageState image = images.get(imageKey(pageKey, imageId));
      if (image == null) {
        if (page.getStartedAt() != null && !page.getImageIds().contains(imageId)) {
          pages.put(pageKey, page);
          deadLetter(record, DeadLetterReason.UNKNOWN_IMAGE, "image " + imageId + " is not on page " + e.getPageNo()
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
      if (overLimit(record, limits.imageEvent(page, image, payload, e.getClientTime()))) {
        pages.put(pageKey, page);  // as above (and a new image's id may have joined the page)
        return;
      }
      int[] before = LimitCheck.sizes(image);
      apply(image, payload, e.getClientTime());
      LimitCheck.count(page, image, before);
      images.put(imageKey(pageKey, imageId), image);
      if (!page.getDirtyImages().contains(imageId)) {
        page.getDirtyImages().add(imageId);
      }
    }
    pages.put(pageKey, page);
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
    overLimit.record();
    deadLetter(record, DeadLetterReason.STATE_LIMIT, "page " + e.getPageNo() + " of annotation " + e.getAnnotationId() + " "
        + exceeded.get() + "; event " + e.getEventId() + " was not folded");
    return true;
  }

  /** @return whether the event is folded for the first time (not a resend, not past the session's limit) */
  private boolean firstTime(Record<String, InteractionEvent> record) {
    InteractionEvent e = record.value();
    String key = e.getAnnotationId() + "|" + e.getSessionId();
    SeenEvents session = seen.get(key);
    if (session == null) {
      session = new SeenEvents(SeqRanges.empty(), 0L);
    }
    Optional<String> gaps = limits.seqRanges(session.getRanges(), e.getSeq());
    if (gaps.isPresent()) {
      overLimit.record();
      deadLetter(record, DeadLetterReason.STATE_LIMIT, "session " + e.getSessionId() + " of annotation " + e.getAnnotationId() + " "
          + gaps.get() + "; event " + e.getEventId() + " was not folded");
      return false;
    }
    if (!SeqRanges.add(session.getRanges(), e.getSeq())) {
      return false;
    }
    session.setLastSeenAt(Math.max(session.getLastSeenAt(), e.getGatewayTime()));
    seen.put(key, session);
    return true;
  }

  /** The annotation's state, begun from this event's envelope when it is the first that changes it. */
  private AnnotationRecord annotationOf(InteractionEvent e) {
    AnnotationRecord annotation = annotations.get(e.getAnnotationId());
    if (annotation == null) {
      annotation = AnnotationRecord.newBuilder()
          .setId(e.getAnnotationId())
          .setHitDatasetName(e.getHitDatasetName())
          .setImageNetHitID(e.getImageNetHitId())
          .setAnnotatorID("")
          .setWorkerID(e.getWorkerId())
          .setHitID(e.getHitId())
          .setAssignmentID(e.getAssignmentId())
          .setVersion(e.getVersion().name())
          .setCreatedAt(e.getGatewayTime())
          .build();
    }
    return annotation;
  }

  private void emitAnnotation(AnnotationRecord annotation, long timestamp) {
    annotations.put(annotation.getId(), annotation);
    context.forward(new Record<>(annotation.getId(), (Object) annotation, timestamp), CaptureTopology.ANNOTATIONS_SINK);
  }

  /** A new open page; {@code now}, the record's timestamp, starts its abandonment clock (stream time). */
  private static PageState newPage(InteractionEvent e, long now) {
    return PageState.newBuilder()
        .setAnnotationId(e.getAnnotationId())
        .setPageNo(e.getPageNo())
        .setStatus(PageLifecycle.OPEN)
        .setHitDatasetName(e.getHitDatasetName())
        .setImageNetHitId(e.getImageNetHitId())
        .setWorkerId(e.getWorkerId())
        .setVersion(e.getVersion().name())
        .setStartedAt(null)
        .setFirstClientTime(e.getClientTime())
        .setLastClientTime(e.getClientTime())
        .setLastActivityAt(now)
        .setEventCount(0)
        .setImageIds(new ArrayList<>())
        .setDirtyImages(new ArrayList<>())
        .build();
  }

  private void open(PageState page, String pageKey, PageOpened opened, InteractionEvent e) {
    if (page.getStartedAt() == null) {
      page.setStartedAt(e.getClientTime());
    }
    List<String> order = new ArrayList<>(opened.getImageIds());
    for (String known : page.getImageIds()) {
      if (!order.contains(known)) {
        order.add(known);
      }
    }
    page.setImageIds(order);
    for (String imageId : opened.getImageIds()) {
      String key = imageKey(pageKey, imageId);
      if (images.get(key) == null) {
        images.put(key, ImageRules.newImage(imageId, e.getWorkerId()));
      }
    }
  }

  private static int newImages(PageState page, PageOpened opened) {
    return (int) opened.getImageIds().stream().distinct().filter(id -> !page.getImageIds().contains(id)).count();
  }

  private static boolean isImageEvent(Object payload) {
    return payload instanceof PointerSample || payload instanceof HoverChanged
        || payload instanceof SelectionToggled || payload instanceof ImageLaidOut;
  }

  private static String imageIdOf(Object payload) {
    if (payload instanceof PointerSample p) {
      return p.getImageId();
    }
    if (payload instanceof HoverChanged h) {
      return h.getImageId();
    }
    if (payload instanceof SelectionToggled s) {
      return s.getImageId();
    }
    return ((ImageLaidOut) payload).getImageId();
  }

  private static void apply(ImageState image, Object payload, long time) {
    if (payload instanceof PointerSample p) {
      ImageRules.pointer(image, p.getX(), p.getY(), time);
    } else if (payload instanceof HoverChanged h) {
      if (h.getEntered()) {
        ImageRules.hoverEnter(image, time);
      } else {
        ImageRules.hoverLeave(image, time);
      }
    } else if (payload instanceof SelectionToggled s) {
      ImageRules.selection(image, s.getX(), s.getY(), s.getSelected(), time);
    } else {
      ImageRules.layout(image, (ImageLaidOut) payload);
    }
  }

  /** Emits the page with its images in page order, then forgets its open state. */
  private void close(PageState page, String pageKey, PageStatus status, String pageId, Long startedAt,
      long endedAt, long timestamp) {
    emitImageUpdates(page, pageKey, timestamp);
    List<ImageRecord> records = new ArrayList<>();
    for (String imageId : page.getImageIds()) {
      String key = imageKey(pageKey, imageId);
      ImageState image = images.get(key);
      if (image != null) {
        ImageRules.pageEnded(image, endedAt);
        if (ImageRules.wasShown(image)) {
          records.add(image.getRecord());
        }
        images.delete(key);
      }
    }
    long started = startedAt != null ? startedAt
        : page.getStartedAt() != null ? page.getStartedAt() : page.getFirstClientTime();
    PageRecord out = PageRecord.newBuilder()
        .setAnnotationId(page.getAnnotationId())
        .setPageId(pageId)
        .setPageNo(page.getPageNo())
        .setHitDatasetName(page.getHitDatasetName())
        .setImageNetHitId(page.getImageNetHitId())
        .setWorkerId(page.getWorkerId())
        .setVersion(page.getVersion())
        .setStartedAt(started)
        .setEndedAt(endedAt)
        .setStatus(status)
        .setEventCount(page.getEventCount())
        .setImages(records)
        .build();
    forwardPage(out, timestamp);
    pages.delete(pageKey);
    closed.put(pageKey, closedMarker(page, status == PageStatus.SUBMITTED ? PageLifecycle.SUBMITTED
        : PageLifecycle.ABANDONED, context.currentSystemTimeMs()));
  }

  /**
   * The page to the pages topic, or, if it is larger than the producer may send, to the dead letters
   * ({@code unproducible-output}): under exactly-once a record the producer refuses
   * aborts the transaction, whatever the production exception handler answers, and the task would
   * fold the same input and fail again for ever. The state limits keep pages far below this.
   */
  private void forwardPage(PageRecord out, long timestamp) {
    byte[] encoded = pageRecords.encode(out);
    if (encoded.length <= options.maxPageBytes()) {
      context.forward(new Record<>(out.getAnnotationId(), (Object) out, timestamp), CaptureTopology.PAGES_SINK);
      return;
    }
    Object letter = DeadLetters.of(DeadLetterReason.UNPRODUCIBLE_OUTPUT, "page " + out.getPageNo() + " of annotation "
        + out.getAnnotationId() + " is " + encoded.length + " bytes, more than the " + options.maxPageBytes()
        + " a page record may have; it was not written to the pages topic", out.getAnnotationId(), encoded,
        context.recordMetadata().orElse(null), context.currentSystemTimeMs());
    context.forward(new Record<>(out.getAnnotationId(), letter, timestamp), CaptureTopology.DEAD_LETTER_SINK);
  }

  private static PageState closedMarker(PageState page, PageLifecycle status, long closedAt) {
    return PageState.newBuilder(page).setStatus(status).setLastActivityAt(closedAt)
        .setImageIds(new ArrayList<>()).setDirtyImages(new ArrayList<>()).build();
  }

  private void emitImageUpdates(PageState page, String pageKey, long timestamp) {
    for (String imageId : page.getDirtyImages()) {
      ImageState image = images.get(imageKey(pageKey, imageId));
      if (image != null) {
        ImageUpdate update = new ImageUpdate(page.getAnnotationId(), page.getPageNo(),
            page.getHitDatasetName(), page.getImageNetHitId(), image.getRecord());
        context.forward(new Record<>(page.getAnnotationId(), (Object) update, timestamp), CaptureTopology.IMAGES_SINK);
      }
    }
    page.getDirtyImages().clear();
  }

  /**
   * Emits changed images and abandons the pages whose latest event the task's stream time (the
   * greatest record timestamp it has processed) has passed by {@code abandonAfter}. Stream time
   * stands still while the processor is down or behind, so an outage abandons nothing: the pages
   * go on folding the events that were waiting.
   */
  private void emitChangesAndAbandon(long now) {
    List<KeyValue<String, PageState>> open = new ArrayList<>();
    try (KeyValueIterator<String, PageState> all = pages.all()) {
      all.forEachRemaining(open::add);
    }
    long streamTime = context.currentStreamTimeMs();
    boolean abandonAll = options.abandonAfter().isZero();
    for (KeyValue<String, PageState> entry : open) {
      PageState page = entry.value;
      if (abandonAll || streamTime - page.getLastActivityAt() >= options.abandonAfter().toMillis()) {
        close(page, entry.key, PageStatus.ABANDONED, null, null, page.getLastClientTime(), now);
      } else if (!page.getDirtyImages().isEmpty()) {
        emitImageUpdates(page, entry.key, now);
        pages.put(entry.key, page);
      }
    }
  }

  private void forgetExpired(long now) {
    long horizon = now - options.closedRetention().toMillis();
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, PageState> all = closed.all()) {
      all.forEachRemaining(kv -> {
        if (kv.value.getLastActivityAt() < horizon) {
          expired.add(kv.key);
        }
      });
    }
    expired.forEach(closed::delete);
    List<String> sessions = new ArrayList<>();
    try (KeyValueIterator<String, SeenEvents> all = seen.all()) {
      all.forEachRemaining(kv -> {
        if (kv.value.getLastSeenAt() < horizon) {
          sessions.add(kv.key);
        }
      });
    }
    sessions.forEach(seen::delete);
  }

  private void deadLetter(Record<String, InteractionEvent> record, DeadLetterReason reason, String detail) {
    Object letter = DeadLetters.of(reason, detail, record.key(),
        events.encode(record.value()),
        context.recordMetadata().orElse(null), context.currentSystemTimeMs());
    context.forward(record.withValue(letter), CaptureTopology.DEAD_LETTER_SINK);
  }
}
