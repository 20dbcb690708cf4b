package io.byproduct.gateway.ingest;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;

/**
 * The open ingest WebSocket connections. When the gateway stops, they are closed with 1001 (going
 * away) before the web server stops, so that browsers reconnect at once (to another replica) and
 * resend what was not acked; the producers are closed (flushed) after that.
 */
final class OpenConnections implements SmartLifecycle {

  private final Set<IngestConnection> open = ConcurrentHashMap.newKeySet();
  private volatile boolean running;

  void add(IngestConnection connection) {
    open.add(connection);
  }

  void remove(IngestConnection connection) {
    open.remove(connection);
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    open.forEach(IngestConnection::goingAway);
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
