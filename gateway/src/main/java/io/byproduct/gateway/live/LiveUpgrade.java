package io.byproduct.gateway.live;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;

/**
 * What {@code /live/ws} is mapped to: the token check ({@link LiveAccess}) before the upgrade, so
 * that every spelling of the path the router maps here is checked, then the connection bounds and
 * the upgrade ({@code next}).
 */
final class LiveUpgrade implements WebHandler {

  private final LiveAccess access;
  private final WebHandler next;

  LiveUpgrade(LiveAccess access, WebHandler next) {
    this.access = access;
    this.next = next;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange) {
    return access.check(exchange.getRequest())
        .map(refusal -> LiveAccess.write(exchange.getResponse(), refusal))
        .orElseGet(() -> next.handle(exchange));
  }
}
