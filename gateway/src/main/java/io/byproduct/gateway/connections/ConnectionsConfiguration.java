package io.byproduct.gateway.connections;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/** The client address of per-address bounds, and the HTTP read timeouts of the web server. */
@Configuration(proxyBeanMethods = false)
class ConnectionsConfiguration {

  @Bean
  ClientAddress clientAddress(ConnectionProperties connections) {
    return new ClientAddress(connections.trustedProxies());
  }

  /**
   * Slow requests are closed: the request line and headers must arrive within {@code
   * request-head-timeout} ({@link RequestHeadDeadline}), a body may pause at most {@code
   * body-read-timeout} between reads and take at most {@code body-timeout} in all (Reactor Netty's
   * {@code readTimeout} and {@code requestTimeout}).
   */
  @Bean
  NettyServerCustomizer httpReadTimeouts(ConnectionProperties connections) {
    long headNanos = connections.requestHeadTimeout().toNanos();
    return server -> server
        .readTimeout(connections.bodyReadTimeout())
        .requestTimeout(connections.bodyTimeout())
        .doOnChannelInit((observer, channel, remote) -> {
          if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
            channel.pipeline().addAfter(NettyPipeline.HttpCodec, RequestHeadDeadline.NAME, new RequestHeadDeadline(headNanos));
          }
        });
  }
}
