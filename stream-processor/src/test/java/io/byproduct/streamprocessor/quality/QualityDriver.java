package io.byproduct.streamprocessor.quality;

import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.quality.AssignmentQuality;
import io.byproduct.schemas.quality.ControlRole;
import io.byproduct.schemas.quality.HitReview;
import io.byproduct.schemas.quality.HitReviewPage;
import io.byproduct.schemas.quality.ImageFrequency;
import io.byproduct.schemas.quality.WorkerQuality;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import io.byproduct.schemas.record.Position;
import io.byproduct.schemas.topics.Topics;
import io.byproduct.streamprocessor.topology.UnproducibleOutputHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** The quality topology in a {@link TopologyTestDriver} (in-memory stores), with fixture builders. */
final class QualityDriver implements AutoCloseable {

  static final String DATASET = "demo";

  final Topics topics = Topics.defaults();
  final TopologyTestDriver driver;
  final TestInputTopic<String, HitReview> reviews;
  final TestInputTopic<String, PageRecord> pages;
  final TestOutputTopic<String, ImageFrequency> images;
  final TestOutputTopic<String, WorkerQuality> workers;
  final TestOutputTopic<String, AssignmentQuality> assignments;
  final TestInputTopic<String, byte[]> rawPages;
  final TestInputTopic<String, byte[]> rawReviews;
  final TestOutputTopic<String, DeadLetter> deadLetters;
  private long time = 1_000_000;

  QualityDriver(QualityThresholds thresholds) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "quality-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(UnproducibleOutputHandler.DEAD_LETTER_TOPIC_CONFIG, topics.deadLetters.name());
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, UndecodableInputHandler.class.getName());
    driver = new TopologyTestDriver(QualityTopology.build(topics, thresholds, false), props, Instant.ofEpochMilli(0));
    reviews = driver.createInputTopic(topics.hitReviews.name(), Serdes.String().serializer(),
        topics.hitReviews.valueSerde().serializer());
    pages = driver.createInputTopic(topics.pages.name(), Serdes.String().serializer(),
        topics.pages.valueSerde().serializer());
    rawPages = driver.createInputTopic(topics.pages.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    rawReviews = driver.createInputTopic(topics.hitReviews.name(), Serdes.String().serializer(),
        Serdes.ByteArray().serializer());
    deadLetters = driver.createOutputTopic(topics.deadLetters.name(), Serdes.String().deserializer(),
        topics.deadLetters.valueSerde().deserializer());
    images = driver.createOutputTopic(topics.qualityImages.name(), Serdes.String().deserializer(),
        topics.qualityImages.valueSerde().deserializer());
    workers = driver.createOutputTopic(topics.qualityWorkers.name(), Serdes.String().deserializer(),
        topics.qualityWorkers.valueSerde().deserializer());
    assignments = driver.createOutputTopic(topics.qualityAssignments.name(), Serdes.String().deserializer(),
        topics.qualityAssignments.valueSerde().deserializer());
  }

  /** Stores a HIT's review section: one page per class id, each with the given controls. */
  void review(String hitId, Map<Integer, String> classes, Map<Integer, Map<String, ControlRole>> controls) {
    List<HitReviewPage> list = new ArrayList<>();
    classes.forEach((no, cls) -> list.add(new HitReviewPage(no, cls, controls.getOrDefault(no, Map.of()))));
    reviews.pipeInput(DATASET + "|" + hitId, new HitReview(DATASET, hitId, list));
  }

  void send(PageRecord page) {
    pages.pipeInput(page.getAnnotationId(), page, time++);
  }

  /** The latest value per key on an output topic. */
  static <V> Map<String, V> latest(TestOutputTopic<String, V> topic) {
    Map<String, V> out = new LinkedHashMap<>();
    topic.readKeyValuesToList().forEach(kv -> out.put(kv.key, kv.value));
    return out;
  }

  <V> V stored(String store, String key) {
    Object value = driver.<String, Object>getKeyValueStore(store).get(key);
    if (value instanceof ValueAndTimestamp<?> vt) {
      @SuppressWarnings("unchecked")
      V v = (V) vt.value();
      return v;
    }
    @SuppressWarnings("unchecked")
    V v = (V) value;
    return v;
  }

  <V> KeyValueStore<String, V> store(String name) {
    return driver.getKeyValueStore(name);
  }

  @Override
  public void close() {
    driver.close();
  }

  /** A page fixture: which images it showed, which were selected, which were ever hovered. */
  static final class Page {
    private final PageRecord.Builder page;
    private final List<ImageRecord> images = new ArrayList<>();

    Page(String annotationId, String hitId, int pageNo, String worker, String version) {
      page = PageRecord.newBuilder().setAnnotationId(annotationId).setPageId(annotationId + "-p" + pageNo)
          .setPageNo(pageNo).setHitDatasetName(DATASET).setImageNetHitId(hitId).setWorkerId(worker)
          .setVersion(version).setStartedAt(100_000).setEndedAt(100_000 + 60_000).setStatus(PageStatus.SUBMITTED);
    }

    Page pageId(String id) {
      page.setPageId(id);
      return this;
    }

    Page took(long millis) {
      page.setEndedAt(page.getStartedAt() + millis);
      return this;
    }

    Page abandoned() {
      page.setStatus(PageStatus.ABANDONED);
      return this;
    }

    Page image(String id, boolean selected) {
      return image(id, selected, true);
    }

    Page image(String id, boolean selected, boolean hovered) {
      images.add(ImageRecord.newBuilder().setImageID(id).setOriginalImageHeight(375).setOriginalImageWidth(500)
          .setImageHeight(150).setImageWidth(200).setImagePosition(new Position(0, 0)).setHoveredRecord(List.of())
          .setHoveredCount(hovered ? 1 : 0).setMouseTracking(List.of()).setSelected(selected)
          .setSelectedCount(selected ? 1 : 0).setSelectedRecord(List.of()).setEstimateTime(0).setWorkerId(null)
          .build());
      return this;
    }

    PageRecord build() {
      return page.setImages(List.copyOf(images)).build();
    }
  }
}
