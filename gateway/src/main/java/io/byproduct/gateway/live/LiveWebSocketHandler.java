package io.byproduct.gateway.live;

import io.byproduct.schemas.json.RecordJson;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * {@code /live/ws}: the live streams over a WebSocket, for clients that prefer one. The same query
 * parameters as {@code /live/stream}; every message is a text message {@code
 * {"type":"event","id":"interactions:0:42","data":{...}}}. Closed with 1008 after a {@code dropped}
 * message, 1011 after an {@code error}, 1003 for a bad query, 1013 when too many subscribers are
 * connected. Messages the client sends are ignored.
 */
final class LiveWebSocketHandler implements WebSocketHandler {

  static final String PATH = "/live/ws";

  private final LiveHub hub;

  LiveWebSocketHandler(LiveHub hub) {
    this.hub = hub;
  }

  @Override
  public Mono<Void> handle(WebSocketSession session) {
    LiveFilter filter;
    try {
      filter = LiveFilter.parse(UriComponentsBuilder.fromUri(session.getHandshakeInfo().getUri()).build().getQueryParams());
    } catch (LiveFilter.InvalidFilterException e) {
      return session.close(new CloseStatus(1003, e.getMessage()));
    }
    return hub.open(filter).map(subscription -> {
      subscription.start();
      CloseStatus[] closeWith = {CloseStatus.NORMAL};
      Mono<Void> output = session.send(subscription.messages()
          .doOnNext(m -> {
            if (m.type().equals("dropped")) {
              closeWith[0] = CloseStatus.POLICY_VIOLATION.withReason("too slow");
            } else if (m.type().equals("error")) {
              closeWith[0] = CloseStatus.SERVER_ERROR.withReason("live stream failed");
            }
          })
          .map(m -> session.textMessage(json(m))))
          .then(Mono.defer(() -> session.close(closeWith[0])));
      Mono<Void> input = session.receive().then().doFinally(s -> subscription.stop());
      return Mono.firstWithSignal(output, input).onErrorResume(e -> Mono.empty());
    }).orElseGet(() -> session.close(new CloseStatus(1013, "too many live subscribers")));
  }

  private static String json(LiveMessage message) {
    var node = RecordJson.MAPPER.createObjectNode();
    node.put("type", message.type());
    if (message.id() != null) {
      node.put("id", message.id());
    }
    node.set("data", RecordJson.MAPPER.readTree(message.data()));
    return node.toString();
  }
}
