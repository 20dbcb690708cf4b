package io.byproduct.streamprocessor.app;

import io.byproduct.platform.config.KafkaProperties;
import io.byproduct.platform.config.TopicsProperties;
import io.byproduct.schemas.topics.Topics;
import io.byproduct.streamprocessor.quality.QualityTopology;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
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
  private final Properties config;
  private volatile KafkaStreams streams;

  public QualityStreams(Topics topics, KafkaProperties kafka, TopicsProperties topicProps,
      StreamProcessorProperties props, QualityProperties quality) {
    this.enabled = quality.enabled();
    this.topology = QualityTopology.build(topics, quality.thresholds(), true);
    this.config = CaptureStreams.streamsConfig(kafka, topicProps, props);
    String applicationId = quality.applicationId().isBlank() ? topicProps.prefix() + "quality" : quality.applicationId();
    this.config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    this.config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
  }

  public Topology topology() {
    return topology;
  }

  public boolean enabled() {
    return enabled;
  }

  public KafkaStreams.State state() {
    KafkaStreams current = streams;
    return current == null ? KafkaStreams.State.NOT_RUNNING : current.state();
  }

  @Override
  public void start() {
    if (!enabled) {
      log.info("Quality topology disabled (byproduct.stream-processor.quality.enabled=false)");
      return;
    }
    streams = new KafkaStreams(topology, config);
    streams.setUncaughtExceptionHandler(e -> {
      log.error("A quality stream thread failed; replacing it", e);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.setStateListener((now, before) -> log.info("Quality streams {} -> {}", before, now));
    streams.start();
    log.info("Quality topology started as '{}'", config.get(StreamsConfig.APPLICATION_ID_CONFIG));
  }

  @Override
  public void stop() {
    KafkaStreams current = streams;
    if (current != null) {
      current.close(Duration.ofSeconds(30));
      streams = null;
    }
  }

  @Override
  public boolean isRunning() {
    return streams != null;
  }
}
