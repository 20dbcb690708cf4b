package io.byproduct.gateway.live;

import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /live/stream}: the live streams as Server-Sent Events. Each message is an SSE event
 * named {@code subscribed}, {@code event}, {@code image}, {@code page}, {@code heartbeat}, {@code
 * dropped} or {@code error}, with the record's position {@code topic:partition:offset} as its {@code
 * id} and the JSON document as its {@code data}. Query parameters: see {@link LiveFilter}.
 */
@RestController
class LiveController {

  static final String PATH = "/live/stream";

  private final LiveHub hub;
  private final LiveAccess access;

  LiveController(LiveHub hub, LiveAccess access) {
    this.hub = hub;
    this.access = access;
  }

  /** The token is checked here, in the handler, so that any spelling of the path the router maps here is checked. */
  @GetMapping(path = PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  Mono<ResponseEntity<?>> stream(ServerHttpRequest request, @RequestParam MultiValueMap<String, String> query) {
    Optional<LiveAccess.Refusal> refused = access.check(request);
    if (refused.isPresent()) {
      return Mono.just(LiveAccess.entity(refused.get()));
    }
    LiveFilter filter;
    try {
      filter = LiveFilter.parse(query);
    } catch (LiveFilter.InvalidFilterException e) {
      return Mono.just(error(HttpStatus.BAD_REQUEST, e.getMessage()));
    }
    return Mono.just(hub.open(filter)
        .<ResponseEntity<?>>map(subscription -> {
          subscription.start();
          Flux<ServerSentEvent<String>> events = subscription.messages().map(LiveController::sse);
          return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).header("Cache-Control", "no-store")
              .header("X-Accel-Buffering", "no").body(events);
        })
        .orElseGet(() -> error(HttpStatus.TOO_MANY_REQUESTS, "too many live subscribers; try again later")));
  }

  private static ServerSentEvent<String> sse(LiveMessage message) {
    ServerSentEvent.Builder<String> event = ServerSentEvent.<String>builder(message.data()).event(message.type());
    if (message.id() != null) {
      event.id(message.id());
    }
    return event.build();
  }

  private static ResponseEntity<?> error(HttpStatus status, String message) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("error", message));
  }
}
