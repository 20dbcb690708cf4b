package io.byproduct.streamprocessor.app;

import io.byproduct.platform.config.KafkaProperties;
import io.byproduct.platform.config.TopicsProperties;
import io.byproduct.schemas.topics.Topics;
import io.byproduct.streamprocessor.quality.QualityTopology;
import io.byproduct.streamprocessor.quality.UndecodableInputHandler;
import io.byproduct.streamprocessor.topology.UnproducibleOutputHandler;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the quality topology as a Kafka Streams application of its own (own application id,
 * consumer group, stores and internal topics), exactly once, beside the capture topology.
 */
@Component
public class QualityStreams implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(QualityStreams.class);

  private final boolean enabled;
  private final Topology topology;
  private final StreamsRun run;

  public QualityStreams(Topics topics, KafkaProperties kafka, TopicsProperties topicProps,
      StreamProcessorProperties props, QualityProperties quality) {
    this.enabled = quality.enabled();
    this.topology = QualityTopology.build(topics, quality.thresholds(), true);
    Properties config = CaptureStreams.streamsConfig(kafka, topicProps, props);
    String applicationId = quality.applicationId().isBlank() ? topicProps.prefix() + "quality" : quality.applicationId();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    config.put(UnproducibleOutputHandler.DEAD_LETTER_TOPIC_CONFIG, topics.deadLetters.name());
    config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, UndecodableInputHandler.class.getName());
    this.run = new StreamsRun("Quality", topology, config);
  }

  public Topology topology() {
    return topology;
  }

  public boolean enabled() {
    return enabled;
  }

  public KafkaStreams.State state() {
    return run.state();
  }

  @Override
  public void start() {
    if (!enabled) {
      log.info("Quality topology disabled (byproduct.stream-processor.quality.enabled=false)");
      return;
    }
    run.start();
  }

  @Override
  public void stop() {
    run.stop();
  }

  @Override
  public boolean isRunning() {
    return run.isRunning();
  }
}
