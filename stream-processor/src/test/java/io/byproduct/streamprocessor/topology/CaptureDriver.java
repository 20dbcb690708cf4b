package io.byproduct.streamprocessor.topology;

import io.byproduct.schemas.batch.Batches;
import io.byproduct.schemas.batch.InteractionRecords;
import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.record.AnnotationRecord;
import io.byproduct.schemas.record.ImageUpdate;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** The capture topology in a {@link TopologyTestDriver} (in-memory stores), with its topics typed. */
final class CaptureDriver implements AutoCloseable {

  final Topics topics = Topics.defaults();
  final TopologyTestDriver driver;
  final TestInputTopic<String, InteractionEvent> interactions;
  final TestInputTopic<String, byte[]> rawInteractions;
  final TestOutputTopic<String, PageRecord> pages;
  final TestOutputTopic<String, ImageUpdate> images;
  final TestOutputTopic<String, AnnotationRecord> annotations;
  final TestOutputTopic<String, DeadLetter> deadLetters;

  CaptureDriver(CaptureOptions options, long wallClockStart) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "capture-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver = new TopologyTestDriver(CaptureTopology.build(topics, options, false), props,
        Instant.ofEpochMilli(wallClockStart));
    interactions = driver.createInputTopic(topics.interactions.name(), Serdes.String().serializer(),
        topics.interactions.valueSerde().serializer());
    rawInteractions = driver.createInputTopic(topics.interactions.name(), Serdes.String().serializer(),
        Serdes.ByteArray().serializer());
    pages = driver.createOutputTopic(topics.pages.name(), Serdes.String().deserializer(), topics.pages.valueSerde().deserializer());
    images = driver.createOutputTopic(topics.images.name(), Serdes.String().deserializer(), topics.images.valueSerde().deserializer());
    annotations = driver.createOutputTopic(topics.annotations.name(), Serdes.String().deserializer(),
        topics.annotations.valueSerde().deserializer());
    deadLetters = driver.createOutputTopic(topics.deadLetters.name(), Serdes.String().deserializer(),
        topics.deadLetters.valueSerde().deserializer());
  }

  /** Each event with its gateway time as the record's timestamp, as the gateway's producer stamps it. */
  void send(List<InteractionEvent> events) {
    events.forEach(e -> interactions.pipeInput(e.getAnnotationId(), e, e.getGatewayTime()));
  }

  /**
   * The events as the gateway writes them: runs of up to {@code frameSize} consecutive events of one
   * session and page, each run one InteractionBatch stamped with its last event's gateway time
   * (which every event of the run takes, as a frame's events share the gateway's clock).
   *
   * @return the events as the batches hold them (to feed an oracle the same events one by one)
   */
  List<InteractionEvent> sendAsBatches(List<InteractionEvent> events, int frameSize) {
    List<InteractionEvent> sent = new ArrayList<>();
    for (List<InteractionEvent> frame : Frames.of(events, frameSize)) {
      rawInteractions.pipeInput(frame.get(0).getAnnotationId(),
          InteractionRecords.batches().encode(Batches.pack(frame)), frame.get(0).getGatewayTime());
      sent.addAll(frame);
    }
    return sent;
  }

  /** A state store of the fold, to assert on what it holds. */
  <V> KeyValueStore<String, V> store(String name) {
    return driver.getKeyValueStore(name);
  }

  /** Every key the store holds, in key order. */
  List<String> keys(String name) {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, Object> all = this.<Object>store(name).all()) {
      all.forEachRemaining(kv -> keys.add(kv.key));
    }
    return keys;
  }

  @Override
  public void close() {
    driver.close();
  }
}
