package io.byproduct.gateway.live;

import io.byproduct.gateway.connections.ClientAddress;
import io.byproduct.gateway.connections.ConnectionLimit;
import io.byproduct.gateway.connections.ConnectionProperties;
import io.byproduct.gateway.connections.WebSocketGate;
import io.byproduct.platform.config.KafkaProperties;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.http.server.WebsocketServerSpec;

/** Wires the live streams: the hub of subscriptions, the token check, the WebSocket endpoint and its bounds. */
@Configuration(proxyBeanMethods = false)
class LiveConfiguration {

  @Bean(destroyMethod = "close")
  LiveHub liveHub(KafkaProperties kafka, Topics topics, HitStore hits, LiveProperties live, MeterRegistry registry) {
    return new LiveHub(kafka, topics, new PageClasses(hits), live, registry);
  }

  @Bean
  LiveAccess liveAccess(LiveProperties live) {
    return new LiveAccess(live);
  }

  /** {@code /live/ws}: token, then at most {@code max-live-per-address} per client address, then the upgrade. */
  @Bean
  HandlerMapping liveWebSocketMapping(LiveHub hub, LiveAccess access, LiveProperties live, ConnectionProperties connections,
      ClientAddress addresses, MeterRegistry registry) {
    ConnectionLimit limit = new ConnectionLimit("live-ws", live.maxSubscribers(), connections.maxLivePerAddress(), registry);
    HandshakeWebSocketService upgrades = new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
        () -> WebsocketServerSpec.builder().compress(true)));
    WebSocketGate gate = new WebSocketGate(limit, addresses, upgrades, new LiveWebSocketHandler(hub));
    return new SimpleUrlHandlerMapping(Map.of(LiveWebSocketHandler.PATH, new LiveUpgrade(access, gate)), -1);
  }
}
