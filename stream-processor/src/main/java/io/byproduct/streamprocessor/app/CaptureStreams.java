package io.byproduct.streamprocessor.app;

import io.byproduct.platform.config.KafkaProperties;
import io.byproduct.platform.config.TopicsProperties;
import io.byproduct.schemas.topics.Topics;
import io.byproduct.streamprocessor.topology.CaptureTopology;
import io.byproduct.streamprocessor.topology.UnproducibleOutputHandler;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Runs the capture topology with exactly-once semantics for as long as the application runs. */
@Component
public class CaptureStreams implements SmartLifecycle {

  private final Topology topology;
  private final StreamsRun run;

  public CaptureStreams(Topics topics, KafkaProperties kafka, TopicsProperties topicProps,
      StreamProcessorProperties props, StreamsTuning tuning) {
    this.topology = CaptureTopology.build(topics, props.captureOptions(), true);
    Properties config = streamsConfig(kafka, topicProps, props);
    tuning.applyTo(config);
    config.put(UnproducibleOutputHandler.DEAD_LETTER_TOPIC_CONFIG, topics.deadLetters.name());
    this.run = new StreamsRun("Capture", topology, config);
  }

  static Properties streamsConfig(KafkaProperties kafka, TopicsProperties topics, StreamProcessorProperties props) {
    Properties p = new Properties();
    p.putAll(kafka.clientProperties());
    String applicationId = props.applicationId().isBlank() ? topics.prefix() + "stream-processor" : props.applicationId();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, props.threads());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) topics.replicationFactor());
    Path stateDir = props.stateDir() != null ? props.stateDir()
        : Path.of(System.getProperty("java.io.tmpdir"), "byproduct-streams");
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), CaptureTopology.MAX_RECORD_BYTES);
    // the open pages' image states are the working set: keep them in the record cache between commits
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, props.cacheBytes().toBytes());
    p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
    // an output the broker can never take becomes a dead letter instead of failing the task for ever
    p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, UnproducibleOutputHandler.class.getName());
    return p;
  }

  public Topology topology() {
    return topology;
  }

  public KafkaStreams.State state() {
    return run.state();
  }

  @Override
  public void start() {
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
