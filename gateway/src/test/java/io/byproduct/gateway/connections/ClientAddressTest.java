package io.byproduct.gateway.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** Which address a per-address bound counts: the peer, or behind a trusted proxy the client it names. */
class ClientAddressTest {

  private static MockServerHttpRequest from(String peer, String... forwardedFor) {
    MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/ingest/ws")
        .remoteAddress(new InetSocketAddress(peer, 40000));
    for (String value : forwardedFor) {
      request.header("X-Forwarded-For", value);
    }
    return request.build();
  }

  @Test
  void forgedForwardedFor_fromAnUntrustedPeer_isIgnored() {
    ClientAddress addresses = new ClientAddress(List.of("10.0.0.0/8"));
    assertThat(addresses.of(from("198.51.100.7", "203.0.113.1"))).isEqualTo("198.51.100.7");
  }

  @Test
  void behindATrustedProxy_theLastForwardedAddressIsTheClient() {
    ClientAddress addresses = new ClientAddress(List.of("10.0.0.0/8", "192.168.1.5"));
    assertThat(addresses.of(from("10.1.2.3", "1.2.3.4, 203.0.113.9"))).as("the proxy appended the last one").isEqualTo("203.0.113.9");
    assertThat(addresses.of(from("192.168.1.5", "203.0.113.10"))).isEqualTo("203.0.113.10");
    assertThat(addresses.of(from("10.1.2.3"))).as("no header: the proxy itself").isEqualTo("10.1.2.3");
    assertThat(addresses.of(from("10.1.2.3", "deadbeef"))).as("not an IP literal: never looked up").isEqualTo("10.1.2.3");
  }

  @Test
  void ipv6Addresses_countPerSlash64() {
    ClientAddress addresses = new ClientAddress(List.of());
    assertThat(addresses.of(from("2001:db8:1:2::1"))).isEqualTo(addresses.of(from("2001:db8:1:2:ffff::9")))
        .isNotEqualTo(addresses.of(from("2001:db8:1:3::1")));
  }

  @Test
  void aTrustedProxyThatIsNotAnAddress_failsTheStart() {
    assertThatThrownBy(() -> new ClientAddress(List.of("proxy.example.org")))
        .hasMessageContaining("byproduct.gateway.connections.trusted-proxies");
  }
}
