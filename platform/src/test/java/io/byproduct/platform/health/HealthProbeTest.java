package io.byproduct.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthProbeTest {

  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/up", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
    server.createContext("/down", exchange -> answer(exchange, 503, "{\"status\":\"DOWN\"}"));
    server.start();
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws java.io.IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void up_isHealthy_down_andUnreachable_areNot() {
    assertThat(HealthProbe.probe(url("/up"), Duration.ofSeconds(2))).isZero();
    assertThat(HealthProbe.probe(url("/down"), Duration.ofSeconds(2))).isEqualTo(1);
    server.stop(0);
    assertThat(HealthProbe.probe(url("/up"), Duration.ofSeconds(2))).isEqualTo(1);
  }
}
