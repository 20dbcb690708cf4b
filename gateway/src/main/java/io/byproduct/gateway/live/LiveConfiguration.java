package io.byproduct.gateway.live;

import io.byproduct.platform.config.KafkaProperties;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

/** Wires the live streams: the hub of subscriptions, the token filter, the WebSocket endpoint. */
@Configuration(proxyBeanMethods = false)
class LiveConfiguration {

  @Bean(destroyMethod = "close")
  LiveHub liveHub(KafkaProperties kafka, Topics topics, HitStore hits, LiveProperties live, MeterRegistry registry) {
    return new LiveHub(kafka, topics, new PageClasses(hits), live, registry);
  }

  @Bean
  LiveAccessFilter liveAccessFilter(LiveProperties live) {
    return new LiveAccessFilter(live);
  }

  @Bean
  HandlerMapping liveWebSocketMapping(LiveHub hub) {
    return new SimpleUrlHandlerMapping(Map.of(LiveWebSocketHandler.PATH, new LiveWebSocketHandler(hub)), -1);
  }
}
