package io.byproduct.streamprocessor.topology;

import io.byproduct.platform.topics.TopicProvisioner;
import io.byproduct.schemas.batch.InteractionRecords;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.record.AnnotationRecord;
import io.byproduct.schemas.serde.AvroSerde;
import io.byproduct.schemas.state.ImageState;
import io.byproduct.schemas.state.PageState;
import io.byproduct.schemas.state.SeenEvents;
import io.byproduct.schemas.topics.Topic;
import io.byproduct.schemas.topics.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The capture topology, a pure factory:
 *
 * <pre>
 * interactions (bytes: batches and single events) -> validate-events --invalid--> dead-letters
 *                               | the good events of each record, together
 *                          fold-pages [seen-events, page-state, image-state, annotation-state, closed-pages]
 *                               |--> images       (changed per-image records, every imageUpdateInterval)
 *                               |--> pages        (a page on submit or abandonment)
 *                               |--> annotations  (the HIT-level annotation when it changes)
 *                               '--> dead-letters (late events, images not on the page)
 * </pre>
 *
 * Every node and store is named; all state of one annotation lives on the partition of its key.
 */
public final class CaptureTopology {

  public static final String SOURCE = "interactions-source";
  public static final String VALIDATE = "validate-events";
  public static final String FOLD = "fold-pages";
  public static final String IMAGES_SINK = "images-sink";
  public static final String PAGES_SINK = "pages-sink";
  public static final String ANNOTATIONS_SINK = "annotations-sink";
  public static final String DEAD_LETTER_SINK = "dead-letters-sink";

  public static final String SEEN_STORE = "seen-events";
  public static final String PAGE_STORE = "page-state";
  public static final String IMAGE_STORE = "image-state";
  public static final String ANNOTATION_STORE = "annotation-state";
  public static final String CLOSED_STORE = "closed-pages";

  /** Large pages and long hovers: records up to 16 MiB, as the pages and images topics allow. */
  public static final int MAX_RECORD_BYTES = TopicProvisioner.MAX_RECORD_BYTES;

  private CaptureTopology() {}

  public static Topology build(Topics topics, CaptureOptions options, boolean persistentStores) {
    AvroSerde<InteractionEvent> events = InteractionRecords.events();
    Topology topology = new Topology();
    topology.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
        topics.interactions.name());
    topology.addProcessor(VALIDATE, ValidateProcessor::new, SOURCE);
    topology.addProcessor(FOLD, () -> new FoldProcessor(options, events), VALIDATE);
    topology.addStateStore(store(SEEN_STORE, AvroSerde.of(SeenEvents.class), persistentStores), FOLD);
    topology.addStateStore(store(PAGE_STORE, AvroSerde.of(PageState.class), persistentStores), FOLD);
    topology.addStateStore(store(IMAGE_STORE, AvroSerde.of(ImageState.class), persistentStores), FOLD);
    topology.addStateStore(store(ANNOTATION_STORE, AvroSerde.of(AnnotationRecord.class), persistentStores), FOLD);
    topology.addStateStore(store(CLOSED_STORE, AvroSerde.of(PageState.class), persistentStores), FOLD);
    sink(topology, IMAGES_SINK, topics.images, FOLD);
    sink(topology, PAGES_SINK, topics.pages, FOLD);
    sink(topology, ANNOTATIONS_SINK, topics.annotations, FOLD);
    sink(topology, DEAD_LETTER_SINK, topics.deadLetters, VALIDATE, FOLD);
    return topology;
  }

  private static <V> StoreBuilder<?> store(String name, Serde<V> values, boolean persistent) {
    KeyValueBytesStoreSupplier supplier = persistent
        ? Stores.persistentKeyValueStore(name)
        : Stores.inMemoryKeyValueStore(name);
    return Stores.keyValueStoreBuilder(supplier, Serdes.String(), values)
        .withLoggingEnabled(Map.of("max.message.bytes", String.valueOf(MAX_RECORD_BYTES)))
        .withCachingEnabled();
  }

  @SuppressWarnings("unchecked")
  private static <V> void sink(Topology topology, String name, Topic<String, V> topic, String... parents) {
    topology.addSink(name, topic.name(), topic.keySerde().serializer(),
        (org.apache.kafka.common.serialization.Serializer<Object>) (org.apache.kafka.common.serialization.Serializer<?>) topic.valueSerde().serializer(),
        parents);
  }
}
