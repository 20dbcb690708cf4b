package io.byproduct.gateway.connections;

import io.byproduct.schemas.json.RecordJson;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;

/**
 * The handler a WebSocket path is mapped to: admits the connection under its {@link
 * ConnectionLimit} before the upgrade (above the gateway-wide bound: 503, above the per-address
 * bound: 429, both with {@code Retry-After} and a JSON {@code {"error":…}}), then upgrades and runs
 * the WebSocket handler; the lease is released when the session ends or the upgrade fails.
 */
public final class WebSocketGate implements WebHandler {

  private final ConnectionLimit limit;
  private final ClientAddress addresses;
  private final WebSocketService service;
  private final WebSocketHandler handler;

  public WebSocketGate(ConnectionLimit limit, ClientAddress addresses, WebSocketService service, WebSocketHandler handler) {
    this.limit = limit;
    this.addresses = addresses;
    this.service = service;
    this.handler = handler;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange) {
    ConnectionLimit.Admission admission = limit.tryAcquire(addresses.of(exchange.getRequest()));
    if (admission.lease() == null) {
      return admission.refused() == ConnectionLimit.Refused.GATEWAY
          ? refuse(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE,
              "too many connections to this gateway (" + limit.max() + "); try again later")
          : refuse(exchange.getResponse(), HttpStatus.TOO_MANY_REQUESTS,
              "too many connections from your address (" + limit.maxPerAddress() + "); close one first");
    }
    ConnectionLimit.Lease lease = admission.lease();
    AtomicBoolean started = new AtomicBoolean();
    WebSocketHandler leased = session -> {
      started.set(true);
      return handler.handle(session).doFinally(signal -> lease.release());
    };
    return service.handleRequest(exchange, leased)
        .doFinally(signal -> {
          if (!started.get()) {
            lease.release();
          }
        });
  }

  private static Mono<Void> refuse(ServerHttpResponse response, HttpStatus status, String message) {
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    response.getHeaders().set("Retry-After", "10");
    byte[] body = RecordJson.MAPPER.writeValueAsBytes(Map.of("error", message));
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }
}
