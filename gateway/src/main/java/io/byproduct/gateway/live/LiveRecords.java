package io.byproduct.gateway.live;

import io.byproduct.schemas.batch.Batches;
import io.byproduct.schemas.batch.InteractionRecords;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.PageOpened;
import io.byproduct.schemas.json.RecordJson;
import io.byproduct.schemas.record.ImageUpdate;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.serde.AvroSerde;
import io.byproduct.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * One subscriber's view of the live topics: decodes a record, keeps it only if the subscriber's
 * filter matches it (the class of a page from the HIT's definition, or from the page's own
 * PageOpened event, remembered for the last {@value #OPENED_PAGES_REMEMBERED} pages), and renders
 * it as the JSON message sent. Used by one polling thread only.
 */
final class LiveRecords {

  private static final AvroSerde<ImageUpdate> IMAGES = AvroSerde.of(ImageUpdate.class);
  private static final AvroSerde<PageRecord> PAGES = AvroSerde.of(PageRecord.class);
  static final int OPENED_PAGES_REMEMBERED = 10_000;

  private final LiveFilter filter;
  private final Topics topics;
  private final PageClasses classes;
  private final Map<String, Set<String>> openedPageClasses = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
      return size() > OPENED_PAGES_REMEMBERED;
    }
  };

  LiveRecords(LiveFilter filter, Topics topics, PageClasses classes) {
    this.filter = filter;
    this.topics = topics;
    this.classes = classes;
  }

  /**
   * The record as messages for this subscriber: none if the filter leaves it out (or it cannot be
   * read), one per event of an interactions batch (unfolded, ids {@code topic:partition:offset.k}
   * for entry k), else one.
   */
  List<LiveMessage> toMessages(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return List.of();
    }
    String id = record.topic() + ":" + record.partition() + ":" + record.offset();
    try {
      if (record.topic().equals(topics.interactions.name())) {
        if (!InteractionRecords.isBatch(record.value())) {
          LiveMessage single = eventMessage(InteractionRecords.events().decode(record.value()), id, record.timestamp());
          return single == null ? List.of() : List.of(single);
        }
        List<LiveMessage> messages = new ArrayList<>();
        List<Batches.Unfolded> entries = Batches.entries(InteractionRecords.batches().decode(record.value()));
        for (int k = 0; k < entries.size(); k++) {
          LiveMessage message = entries.get(k).valid()
              ? eventMessage(entries.get(k).event(), id + "." + k, record.timestamp()) : null;
          if (message != null) {
            messages.add(message);
          }
        }
        return messages;
      }
      LiveMessage message = otherMessage(record, id);
      return message == null ? List.of() : List.of(message);
    } catch (SerializationException undecodable) {
      return List.of();
    }
  }

  private LiveMessage eventMessage(InteractionEvent e, String id, long timestamp) {
    if (e.getPayload() instanceof PageOpened opened && filter.classId() != null) {
      Set<String> ids = new HashSet<>();
      ids.add(opened.getClassId());
      if (opened.getWnid() != null) {
        ids.add(opened.getWnid());
      }
      openedPageClasses.put(e.getAnnotationId() + "|" + e.getPageNo(), Set.copyOf(ids));
    }
    if (!matches(e.getHitDatasetName(), e.getImageNetHitId(), e.getAnnotationId(), e.getPageNo())) {
      return null;
    }
    return new LiveMessage(LiveFilter.Stream.EVENTS.messageType, id, timestamp, RecordJson.avro(e).toString());
  }

  private LiveMessage otherMessage(ConsumerRecord<String, byte[]> record, String id) {
    if (record.topic().equals(topics.images.name())) {
      ImageUpdate u = IMAGES.decode(record.value());
      if (!matches(u.getHitDatasetName(), u.getImageNetHitId(), u.getAnnotationId(), u.getPageNo())) {
        return null;
      }
      return new LiveMessage(LiveFilter.Stream.IMAGES.messageType, id, record.timestamp(), RecordJson.image(
          u.getRecord(), u.getAnnotationId(), u.getPageNo(), u.getHitDatasetName(), u.getImageNetHitId()).toString());
    }
    PageRecord p = PAGES.decode(record.value());
    if (!matches(p.getHitDatasetName(), p.getImageNetHitId(), p.getAnnotationId(), p.getPageNo())) {
      return null;
    }
    return new LiveMessage(LiveFilter.Stream.PAGES.messageType, id, record.timestamp(), RecordJson.page(p).toString());
  }

  private boolean matches(String dataset, String hit, String annotation, int pageNo) {
    return filter.matches(dataset, hit, annotation) && classMatches(dataset, hit, annotation, pageNo);
  }

  private boolean classMatches(String dataset, String hit, String annotation, int pageNo) {
    if (filter.classId() == null) {
      return true;
    }
    Set<String> known = classes.of(dataset, hit, pageNo);
    if (known.isEmpty()) {
      known = openedPageClasses.getOrDefault(annotation + "|" + pageNo, Set.of());
    }
    return known.contains(filter.classId());
  }
}
