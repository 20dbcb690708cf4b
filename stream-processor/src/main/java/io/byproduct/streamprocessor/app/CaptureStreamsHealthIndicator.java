package io.byproduct.streamprocessor.app;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** UP while the capture topology runs or rebalances; DOWN when it has stopped or failed. */
@Component("streamsHealthIndicator")
class CaptureStreamsHealthIndicator extends AbstractHealthIndicator {

  private final CaptureStreams streams;

  CaptureStreamsHealthIndicator(CaptureStreams streams) {
    this.streams = streams;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    KafkaStreams.State state = streams.state();
    (state.isRunningOrRebalancing() ? builder.up() : builder.down()).withDetail("state", state.name());
  }
}
