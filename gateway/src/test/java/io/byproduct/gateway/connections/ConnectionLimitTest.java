package io.byproduct.gateway.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ConnectionLimitTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ConnectionLimit limit = new ConnectionLimit("ingest-ws", 3, 2, registry);

  @Test
  void perAddressAndGatewayBounds_refuseAndCount_andAReleaseFreesOnePlace() {
    ConnectionLimit.Lease a1 = limit.tryAcquire("a").lease();
    assertThat(limit.tryAcquire("a").lease()).isNotNull();
    assertThat(limit.tryAcquire("a").refused()).isEqualTo(ConnectionLimit.Refused.ADDRESS);
    assertThat(limit.tryAcquire("b").lease()).isNotNull();
    assertThat(limit.tryAcquire("c").refused()).isEqualTo(ConnectionLimit.Refused.GATEWAY);
    assertThat(limit.open()).isEqualTo(3);

    a1.release();
    a1.release();
    assertThat(limit.open()).as("a lease is released once").isEqualTo(2);
    assertThat(limit.tryAcquire("a").lease()).isNotNull();
    assertThat(registry.counter("byproduct.connections.refused", "endpoint", "ingest-ws", "reason", "address").count()).isEqualTo(1);
    assertThat(registry.counter("byproduct.connections.refused", "endpoint", "ingest-ws", "reason", "gateway").count()).isEqualTo(1);
  }
}
