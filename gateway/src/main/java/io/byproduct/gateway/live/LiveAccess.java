package io.byproduct.gateway.live;

import io.byproduct.schemas.json.RecordJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * The live streams' token check, made by the handlers themselves ({@link LiveController}, {@link
 * LiveUpgrade}) rather than by a filter on the path: whatever spelling of a path the router maps to a
 * live handler ({@code /%6cive/stream}, {@code /live;x=1/ws}, …), the check runs. 503 {@code live
 * streams are not configured} without {@code byproduct.gateway.live.token}; 401 unless the request
 * carries it as {@code Authorization: Bearer <token>} or {@code ?token=<token>} (for browsers'
 * EventSource and WebSocket, which cannot set headers). Compared in constant time.
 */
final class LiveAccess {

  /** Why a request is refused. */
  record Refusal(HttpStatus status, String message) {}

  private final byte[] token;

  LiveAccess(LiveProperties properties) {
    this.token = properties.configured() ? properties.token().getBytes(StandardCharsets.UTF_8) : null;
  }

  /** Empty if the request may subscribe. */
  Optional<Refusal> check(ServerHttpRequest request) {
    if (token == null) {
      return Optional.of(new Refusal(HttpStatus.SERVICE_UNAVAILABLE, "live streams are not configured"));
    }
    String presented = presented(request);
    if (presented == null) {
      return Optional.of(new Refusal(HttpStatus.UNAUTHORIZED,
          "a token is required: Authorization: Bearer <token>, or ?token=<token>"));
    }
    if (!MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
      return Optional.of(new Refusal(HttpStatus.UNAUTHORIZED, "the token is not valid"));
    }
    return Optional.empty();
  }

  static ResponseEntity<?> entity(Refusal refusal) {
    ResponseEntity.BodyBuilder builder = ResponseEntity.status(refusal.status()).contentType(MediaType.APPLICATION_JSON);
    if (refusal.status() == HttpStatus.UNAUTHORIZED) {
      builder.header(HttpHeaders.WWW_AUTHENTICATE, challenge());
    }
    return builder.body(Map.of("error", refusal.message()));
  }

  static Mono<Void> write(ServerHttpResponse response, Refusal refusal) {
    response.setStatusCode(refusal.status());
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    if (refusal.status() == HttpStatus.UNAUTHORIZED) {
      response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge());
    }
    byte[] body = RecordJson.MAPPER.writeValueAsBytes(Map.of("error", refusal.message()));
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }

  private static String challenge() {
    return "Bearer realm=\"byproduct-live\"";
  }

  private static String presented(ServerHttpRequest request) {
    String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).trim();
    }
    return request.getQueryParams().getFirst("token");
  }
}
