package io.byproduct.streamprocessor.app;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** UP while the quality topology runs or rebalances (or is disabled); DOWN when it has stopped or failed. */
@Component("qualityStreamsHealthIndicator")
class QualityStreamsHealthIndicator extends AbstractHealthIndicator {

  private final QualityStreams streams;

  QualityStreamsHealthIndicator(QualityStreams streams) {
    this.streams = streams;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    if (!streams.enabled()) {
      builder.up().withDetail("state", "disabled");
      return;
    }
    KafkaStreams.State state = streams.state();
    (state.isRunningOrRebalancing() ? builder.up() : builder.down()).withDetail("state", state.name());
  }
}
