package io.byproduct.browsertests;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The page's ingest WebSocket routed through the test, to break it: acks can be swallowed
 * (durable, but the page never hears of it), a connection can die (from then on nothing passes
 * either way, until the test closes it), and while the network is down every new connection fails.
 */
final class FlakyIngest {

  /** One WebSocket the page opened. */
  record Connection(WebSocketRoute ws, AtomicBoolean dead) {

    /** Ends it as a lost network does: the page sees an abnormal close. */
    void close(String reason) {
      ws.close(new WebSocketRoute.CloseOptions().setCode(1011).setReason(reason));
    }
  }

  final List<Connection> connections = new CopyOnWriteArrayList<>();
  final AtomicBoolean swallowAcks = new AtomicBoolean(false);
  final AtomicBoolean down = new AtomicBoolean(false);
  final AtomicInteger lostFrames = new AtomicInteger();
  final AtomicInteger swallowedAcks = new AtomicInteger();
  final AtomicInteger failedConnects = new AtomicInteger();

  private FlakyIngest() {}

  static FlakyIngest routed(Page page) {
    FlakyIngest ingest = new FlakyIngest();
    page.routeWebSocket("**/ingest/ws", ingest::connect);
    return ingest;
  }

  private void connect(WebSocketRoute ws) {
    if (down.get()) {
      failedConnects.incrementAndGet();
      ws.close(new WebSocketRoute.CloseOptions().setCode(1011).setReason("offline"));
      return;
    }
    Connection connection = new Connection(ws, new AtomicBoolean(false));
    connections.add(connection);
    WebSocketRoute server = ws.connectToServer();
    ws.onMessage(frame -> {
      if (connection.dead().get()) {
        lostFrames.incrementAndGet();
      } else {
        server.send(frame.text());
      }
    });
    server.onMessage(frame -> {
      if (connection.dead().get() || swallowAcks.get()) {
        swallowedAcks.incrementAndGet();
      } else {
        ws.send(frame.text());
      }
    });
  }

  /** The connection opened last. */
  Connection last() {
    return connections.get(connections.size() - 1);
  }
}
