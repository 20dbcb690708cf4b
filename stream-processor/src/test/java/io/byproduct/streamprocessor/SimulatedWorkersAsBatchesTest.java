package io.byproduct.streamprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.schemas.batch.Batches;
import io.byproduct.schemas.batch.InteractionRecords;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.topics.Topics;
import io.byproduct.streamprocessor.topology.CaptureOptions;
import io.byproduct.streamprocessor.topology.CaptureTopology;
import io.byproduct.streamprocessor.topology.Frames;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/** The kill test's input, written as batches, folds to the pages its events fold to one by one. */
class SimulatedWorkersAsBatchesTest {

  private final Topics topics = Topics.defaults();

  private List<PageRecord> fold(List<List<InteractionEvent>> frames, boolean asBatches) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "batches");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try (TopologyTestDriver driver = new TopologyTestDriver(CaptureTopology.build(topics, CaptureOptions.defaults(), false),
        props, Instant.ofEpochMilli(SimulatedWorkers.T0))) {
      var input = driver.createInputTopic(topics.interactions.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
      for (List<InteractionEvent> frame : frames) {
        if (asBatches) {
          input.pipeInput(frame.get(0).getAnnotationId(), InteractionRecords.batches().encode(Batches.pack(frame)),
              frame.get(0).getGatewayTime());
        } else {
          frame.forEach(e -> input.pipeInput(e.getAnnotationId(), InteractionRecords.events().encode(e), e.getGatewayTime()));
        }
      }
      return driver.createOutputTopic(topics.pages.name(), Serdes.String().deserializer(),
          topics.pages.valueSerde().deserializer()).readValuesToList();
    }
  }

  @Test
  void simulatedWorkers_asBatches_foldToThePagesOfTheirEventsOneByOne() {
    List<List<InteractionEvent>> frames = Frames.of(SimulatedWorkers.inWaves(12, 2, 4, 14), 30);

    List<PageRecord> batched = fold(frames, true);

    assertThat(batched).hasSize(24).isEqualTo(fold(frames, false));
  }
}
