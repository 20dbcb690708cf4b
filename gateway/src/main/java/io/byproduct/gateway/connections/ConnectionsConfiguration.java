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
   * Slow requests are closed ({@link SlowRequestGuard}): the request line and headers must arrive
   * within {@code request-head-timeout}, a body may pause at most {@code body-read-timeout} between
   * reads and take at most {@code body-timeout} in all. Not Reactor Netty's own {@code readTimeout}
   * and {@code requestTimeout}: those also close WebSockets, whose "request" never ends.
   */
  @Bean
  NettyServerCustomizer slowRequestGuard(ConnectionProperties connections) {
    long head = connections.requestHeadTimeout().toNanos();
    long gap = connections.bodyReadTimeout().toNanos();
    long body = connections.bodyTimeout().toNanos();
    return server -> server.doOnChannelInit((observer, channel, remote) -> {
      if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
        channel.pipeline().addAfter(NettyPipeline.HttpCodec, SlowRequestGuard.NAME, new SlowRequestGuard(head, gap, body));
      }
    });
  }
}
