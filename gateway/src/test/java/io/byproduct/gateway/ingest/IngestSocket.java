package io.byproduct.gateway.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

/** A real WebSocket client of {@code /ingest/ws} (Reactor Netty, permessage-deflate offered), for ITs. */
final class IngestSocket implements AutoCloseable {

  private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final CompletableFuture<HandshakeInfo> handshake = new CompletableFuture<>();
  private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
  private final Disposable connection;

  private IngestSocket(int port, boolean compress) {
    ReactorNettyWebSocketClient client = new ReactorNettyWebSocketClient(HttpClient.create(),
        () -> WebsocketClientSpec.builder().compress(compress).maxFramePayloadLength(4 * 1024 * 1024));
    connection = client.execute(URI.create("ws://127.0.0.1:" + port + IngestWebSocketHandler.PATH), session -> {
      handshake.complete(session.getHandshakeInfo());
      session.closeStatus().subscribe(closed::complete);
      Mono<Void> out = session.send(outbound.asFlux().map(session::textMessage));
      Mono<Void> in = session.receive().map(WebSocketMessage::getPayloadAsText).doOnNext(answers::add).then();
      return Mono.firstWithSignal(in, out);
    }).subscribe(null, error -> {
      handshake.completeExceptionally(error);
      closed.completeExceptionally(error);
    });
  }

  static IngestSocket open(int port) throws Exception {
    return open(port, true);
  }

  /** @param compress offer permessage-deflate, as browsers do */
  static IngestSocket open(int port, boolean compress) throws Exception {
    IngestSocket socket = new IngestSocket(port, compress);
    socket.handshake.get(10, TimeUnit.SECONDS);
    return socket;
  }

  HandshakeInfo handshake() {
    return handshake.join();
  }

  IngestSocket send(String text) {
    outbound.emitNext(text, Sinks.EmitFailureHandler.FAIL_FAST);
    return this;
  }

  /** The next answer, or fails after the timeout. */
  String nextAnswer(Duration timeout) throws InterruptedException {
    String answer = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (answer == null) {
      throw new AssertionError("no answer within " + timeout);
    }
    return answer;
  }

  /** Answers up to and including the first ack of at least {@code seq}; fails after the timeout. */
  List<String> answersUntilAck(long seq, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> seen = new ArrayList<>();
    while (true) {
      long left = deadline - System.nanoTime();
      String answer = left <= 0 ? null : answers.poll(left, TimeUnit.NANOSECONDS);
      if (answer == null) {
        throw new AssertionError("no ack of " + seq + " within " + timeout + "; answers so far: " + seen);
      }
      seen.add(answer);
      if (answer.startsWith("{\"ack\":") && Long.parseLong(answer.replaceAll("\\D", "")) >= seq) {
        return seen;
      }
    }
  }

  CloseStatus awaitClose(Duration timeout) throws Exception {
    return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    outbound.tryEmitComplete();
    connection.dispose();
  }
}
