package io.byproduct.bench.wire;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A WebSocket connection to the gateway's ingest, as a worker's page holds it: sends the hello and
 * frames, and keeps the highest acknowledged sequence number and every error answered.
 */
public final class IngestClient implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Sinks.Many<WebSocketFrame> outbound = Sinks.many().unicast().onBackpressureBuffer();
  private final AtomicLong ack = new AtomicLong();
  private final List<JsonNode> errors = new CopyOnWriteArrayList<>();
  private final AtomicReference<String> closedWith = new AtomicReference<>();
  private final LongConsumer onAck;
  private final Disposable connection;

  private IngestClient(URI uri, String hello, LoopResources loops, LongConsumer onAck) {
    this.onAck = onAck;
    outbound.tryEmitNext(new TextWebSocketFrame(hello));
    // a load generator's own loops: one unpooled connection each (the default pool holds 500 per host)
    HttpClient http = loops == null ? HttpClient.create() : HttpClient.newConnection().runOn(loops);
    connection = http
        .websocket(WebsocketClientSpec.builder().compress(true).maxFramePayloadLength(1 << 20).build())
        .uri(uri)
        .handle((in, out) -> {
          Mono<Void> reading = in.receive().asString().doOnNext(this::onAnswer).then();
          in.receiveCloseStatus().subscribe(status -> closedWith.set(status.code() + " " + status.reasonText()));
          return out.sendObject(outbound.asFlux()).then().and(reading);
        })
        .doFinally(s -> closedWith.compareAndSet(null, "ended"))
        .subscribe(ignored -> { }, error -> closedWith.compareAndSet(null, "failed: " + error));
  }

  /** Connects to {@code ws://host:port/ingest/ws} and sends the hello. */
  public static IngestClient connect(URI uri, String hello) {
    return new IngestClient(uri, hello, null, seq -> { });
  }

  /**
   * Connects on the given event loops (e.g. a load generator's own, apart from an in-process
   * server's) and calls {@code onAck} with every ack's sequence number, on the event loop.
   */
  public static IngestClient connect(URI uri, String hello, LoopResources loops, LongConsumer onAck) {
    return new IngestClient(uri, hello, loops, onAck);
  }

  private void onAnswer(String text) {
    JsonNode answer = JSON.readTree(text);
    if (answer.has("ack")) {
      long seq = answer.get("ack").asLong();
      ack.accumulateAndGet(seq, Math::max);
      onAck.accept(seq);
    } else if (answer.has("error")) {
      errors.add(answer.get("error"));
    }
  }

  public void send(String message) {
    emit(new TextWebSocketFrame(message));
  }

  /** Sends the bytes as a binary message (the gateway reads it as UTF-8 JSON all the same). */
  public void sendBinary(byte[] message) {
    emit(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(message)));
  }

  private void emit(WebSocketFrame frame) {
    Sinks.EmitResult result;
    synchronized (outbound) {
      result = outbound.tryEmitNext(frame);
    }
    if (result.isFailure()) {
      throw new IllegalStateException("cannot send on a closed ingest connection: " + result);
    }
  }

  public long highestAck() {
    return ack.get();
  }

  public List<JsonNode> errors() {
    return errors;
  }

  /** The close status, or null while the connection is open. */
  public String closedWith() {
    return closedWith.get();
  }

  /** Waits until every event up to {@code seq} is acknowledged. */
  public boolean awaitAck(long seq, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (ack.get() < seq && System.nanoTime() < deadline && closedWith.get() == null) {
      Thread.sleep(5);
    }
    return ack.get() >= seq;
  }

  @Override
  public void close() {
    synchronized (outbound) {
      outbound.tryEmitComplete();
    }
    connection.dispose();
  }
}
