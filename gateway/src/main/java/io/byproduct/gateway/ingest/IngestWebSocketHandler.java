package io.byproduct.gateway.ingest;

import io.netty.handler.codec.compression.DecompressionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /ingest/ws}: binds a WebSocket session to an {@link IngestConnection}. Text (and binary)
 * messages are copied out of the network buffer at once (only the first 64 KiB of one above the
 * frame limit); pings and pongs are left to the server.
 */
final class IngestWebSocketHandler implements WebSocketHandler {

  static final String PATH = "/ingest/ws";

  private static final Logger log = LoggerFactory.getLogger(IngestWebSocketHandler.class);

  private final IngestServices services;
  private final OpenConnections connections;

  IngestWebSocketHandler(IngestServices services, OpenConnections connections) {
    this.services = services;
    this.connections = connections;
  }

  @Override
  public Mono<Void> handle(WebSocketSession session) {
    IngestConnection connection = new IngestConnection(services,
        (code, reason) -> session.close(CloseStatus.create(code, reason)).subscribe(null, error -> { }),
        DeadLetters.WEBSOCKET);
    connections.add(connection);
    int limit = services.properties().maxFrameBytes();
    Flux<InboundMessage> inbound = session.receive()
        .filter(message -> message.getType() == WebSocketMessage.Type.TEXT || message.getType() == WebSocketMessage.Type.BINARY)
        .map(message -> InboundMessage.copyOf(message.getPayload(), limit, IngestProperties.DEAD_LETTER_PAYLOAD_LIMIT))
        .onErrorResume(error -> {
          log.debug("Ingest connection {} ended: {}", session.getId(), error.toString());
          if (inflatedPastTheLimit(error)) {
            return session.close(CloseStatus.create(CloseCodes.MESSAGE_TOO_BIG, "message above "
                    + services.properties().webSocketMessageLimit() + " bytes once inflated"))
                .onErrorResume(closed -> Mono.empty())
                .thenMany(Flux.empty());
          }
          return Flux.empty();
        });
    Mono<Void> input = connection.run(inbound);
    Mono<Void> output = session.send(connection.answers().map(session::textMessage))
        .onErrorResume(error -> Mono.empty());
    return Mono.when(input, output).doFinally(signal -> connections.remove(connection));
  }

  /**
   * A permessage-deflate message that inflates past the WebSocket limit fails in the inflater
   * (Netty's {@code DecompressionException}, "Decompression buffer has reached maximum size"),
   * which, unlike an uncompressed message above the limit, sends no close frame of its own: the
   * connection would end as a normal closure (1000) instead of the documented 1009.
   */
  static boolean inflatedPastTheLimit(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof DecompressionException && String.valueOf(t.getMessage()).contains("maximum size")) {
        return true;
      }
    }
    return false;
  }
}
