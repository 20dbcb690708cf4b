package io.byproduct.gateway.live;

import io.byproduct.schemas.json.RecordJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards {@code /live/**} (and nothing else: the workers' paths never need or see the token): 503
 * {@code live streams are not configured} without {@code byproduct.gateway.live.token}; 401 unless
 * the request carries it as {@code Authorization: Bearer <token>} or {@code ?token=<token>} (for
 * browsers' EventSource and WebSocket, which cannot set headers). Compared in constant time.
 */
final class LiveAccessFilter implements WebFilter, Ordered {

  static final String PREFIX = "/live/";

  private final byte[] token;

  LiveAccessFilter(LiveProperties properties) {
    this.token = properties.configured() ? properties.token().getBytes(StandardCharsets.UTF_8) : null;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().pathWithinApplication().value();
    if (!path.startsWith(PREFIX) && !path.equals("/live")) {
      return chain.filter(exchange);
    }
    if (token == null) {
      return refuse(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE, "live streams are not configured");
    }
    String presented = presented(exchange);
    if (presented == null) {
      return refuse(exchange.getResponse(), HttpStatus.UNAUTHORIZED,
          "a token is required: Authorization: Bearer <token>, or ?token=<token>");
    }
    if (!MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
      return refuse(exchange.getResponse(), HttpStatus.UNAUTHORIZED, "the token is not valid");
    }
    return chain.filter(exchange);
  }

  private static String presented(ServerWebExchange exchange) {
    String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).trim();
    }
    return exchange.getRequest().getQueryParams().getFirst("token");
  }

  private static Mono<Void> refuse(ServerHttpResponse response, HttpStatus status, String message) {
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    if (status == HttpStatus.UNAUTHORIZED) {
      response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"byproduct-live\"");
    }
    byte[] body = RecordJson.MAPPER.writeValueAsBytes(Map.of("error", message));
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }
}
