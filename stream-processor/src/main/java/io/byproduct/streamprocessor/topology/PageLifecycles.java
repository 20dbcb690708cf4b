package io.byproduct.streamprocessor.topology;

import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.PageOpened;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.ImageUpdate;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import io.byproduct.schemas.state.ImageState;
import io.byproduct.schemas.state.PageLifecycle;
import io.byproduct.schemas.state.PageState;
import io.byproduct.streamprocessor.folding.ImageRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The life of a page: open while events fold into it ({@code page-state}, its images in
 * {@code image-state}); ended on Submit or when abandoned on stream time, when it is emitted with
 * its images in page order and leaves a closed marker ({@code closed-pages}) by which later events
 * are recognised as late; forgotten after {@code closed-retention}. Changed images are emitted
 * periodically while the page is open.
 */
final class PageLifecycles {

  private final ProcessorContext<String, Object> context;
  private final Duration abandonAfter;
  private final FoldOutput output;
  private final DecodedValues<PageState> pages;
  private final DecodedValues<ImageState> images;
  private final DecodedValues<PageState> closed;

  PageLifecycles(ProcessorContext<String, Object> context, Duration abandonAfter, FoldOutput output,
      DecodedValues<PageState> pages, DecodedValues<ImageState> images, DecodedValues<PageState> closed) {
    this.context = context;
    this.abandonAfter = abandonAfter;
    this.output = output;
    this.pages = pages;
    this.images = images;
    this.closed = closed;
  }

  /** @return the closed marker of the page if it has ended (an event for it is late), else null */
  PageState ended(String pageKey) {
    return closed.get(pageKey);
  }

  /** The open page, or a new one begun from this event; {@code now}, the record's timestamp, starts its abandonment clock. */
  PageState openOrNew(String pageKey, InteractionEvent e, long now) {
    PageState page = pages.get(pageKey);
    return page != null ? page : newPage(e, now);
  }

  void put(String pageKey, PageState page) {
    pages.put(pageKey, page);
  }

  ImageState image(String pageKey, String imageId) {
    return images.get(StateKeys.imageKey(pageKey, imageId));
  }

  void putImage(String pageKey, String imageId, ImageState image) {
    images.put(StateKeys.imageKey(pageKey, imageId), image);
  }

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

  /** The page was shown: its images in the shown order (images already met stay, after them), each with a fresh state. */
  void open(PageState page, String pageKey, PageOpened opened, InteractionEvent e) {
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
      String key = StateKeys.imageKey(pageKey, imageId);
      if (images.get(key) == null) {
        images.put(key, ImageRules.newImage(imageId, e.getWorkerId()));
      }
    }
  }

  /** How many images the page would gain by {@code opened}. */
  static int newImages(PageState page, PageOpened opened) {
    return (int) opened.getImageIds().stream().distinct().filter(id -> !page.getImageIds().contains(id)).count();
  }

  /** Emits the page with its images in page order, then forgets its open state and remembers that it ended. */
  void close(PageState page, String pageKey, PageStatus status, String pageId, Long startedAt,
      long endedAt, long timestamp) {
    emitImageUpdates(page, pageKey, timestamp);
    List<ImageRecord> records = new ArrayList<>();
    for (String imageId : page.getImageIds()) {
      String key = StateKeys.imageKey(pageKey, imageId);
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
    output.page(out, timestamp);
    pages.delete(pageKey);
    closed.put(pageKey, closedMarker(page, status == PageStatus.SUBMITTED ? PageLifecycle.SUBMITTED
        : PageLifecycle.ABANDONED, context.currentSystemTimeMs()));
  }

  /**
   * Ends the page with a record made elsewhere (a page the REST API recorded, {@link RecordedPages}):
   * open state of the page, if any, is dropped; the record is emitted; the page is remembered as ended.
   */
  void endWith(PageRecord out, String pageKey, InteractionEvent e, long timestamp) {
    PageState page = pages.get(pageKey);
    if (page != null) {
      for (String imageId : page.getImageIds()) {
        images.delete(StateKeys.imageKey(pageKey, imageId));
      }
      pages.delete(pageKey);
    } else {
      page = newPage(e, timestamp);
    }
    output.page(out, timestamp);
    closed.put(pageKey, closedMarker(page, PageLifecycle.SUBMITTED, context.currentSystemTimeMs()));
  }

  private static PageState closedMarker(PageState page, PageLifecycle status, long closedAt) {
    return PageState.newBuilder(page).setStatus(status).setLastActivityAt(closedAt)
        .setImageIds(new ArrayList<>()).setDirtyImages(new ArrayList<>()).build();
  }

  private void emitImageUpdates(PageState page, String pageKey, long timestamp) {
    for (String imageId : page.getDirtyImages()) {
      ImageState image = images.get(StateKeys.imageKey(pageKey, imageId));
      if (image != null) {
        output.imageUpdate(new ImageUpdate(page.getAnnotationId(), page.getPageNo(),
            page.getHitDatasetName(), page.getImageNetHitId(), image.getRecord()), timestamp);
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
  void emitChangesAndAbandon(long now) {
    List<KeyValue<String, PageState>> open = new ArrayList<>();
    try (KeyValueIterator<String, PageState> all = pages.all()) {
      all.forEachRemaining(open::add);
    }
    long streamTime = context.currentStreamTimeMs();
    boolean abandonAll = abandonAfter.isZero();
    for (KeyValue<String, PageState> entry : open) {
      PageState page = entry.value;
      if (abandonAll || streamTime - page.getLastActivityAt() >= abandonAfter.toMillis()) {
        close(page, entry.key, PageStatus.ABANDONED, null, null, page.getLastClientTime(), now);
      } else if (!page.getDirtyImages().isEmpty()) {
        emitImageUpdates(page, entry.key, now);
        pages.put(entry.key, page);
      }
    }
  }

  /** Forgets the pages that ended (wall clock) before {@code horizon}: later events for them are no longer recognised as late. */
  void forgetEndedBefore(long horizon) {
    closed.deleteIf(marker -> marker.getLastActivityAt() < horizon);
  }
}
