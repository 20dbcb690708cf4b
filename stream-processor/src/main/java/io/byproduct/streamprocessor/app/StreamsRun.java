package io.byproduct.streamprocessor.app;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Kafka Streams application's run: started, its failed threads replaced, closed. */
final class StreamsRun {

  private static final Logger log = LoggerFactory.getLogger(StreamsRun.class);

  private final String name;
  private final Topology topology;
  private final Properties config;
  private volatile KafkaStreams streams;

  StreamsRun(String name, Topology topology, Properties config) {
    this.name = name;
    this.topology = topology;
    this.config = config;
  }

  KafkaStreams.State state() {
    KafkaStreams current = streams;
    return current == null ? KafkaStreams.State.NOT_RUNNING : current.state();
  }

  void start() {
    streams = new KafkaStreams(topology, config);
    streams.setUncaughtExceptionHandler(e -> {
      log.error("A {} stream thread failed; replacing it", name, e);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.setStateListener((now, before) -> log.info("{} streams {} -> {}", name, before, now));
    streams.start();
    log.info("{} topology started as '{}'", name, config.get(StreamsConfig.APPLICATION_ID_CONFIG));
  }

  void stop() {
    KafkaStreams current = streams;
    if (current != null) {
      current.close(Duration.ofSeconds(30));
      streams = null;
    }
  }

  boolean isRunning() {
    return streams != null;
  }
}
