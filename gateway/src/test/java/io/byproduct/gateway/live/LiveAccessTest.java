package io.byproduct.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;

/** The token check the live handlers make (here through the WebSocket's {@link LiveUpgrade}). */
class LiveAccessTest {

  private static final String TOKEN = "a-live-token-of-some-length";

  private static LiveProperties properties(String token) {
    return new LiveProperties(token, 20, 1000, DataSize.ofMegabytes(8), Duration.ofSeconds(10), Duration.ofSeconds(15));
  }

  private record Outcome(HttpStatus status, boolean passed, String body) {}

  private static Outcome run(LiveProperties props, MockServerHttpRequest request) {
    MockServerWebExchange exchange = MockServerWebExchange.from(request);
    AtomicBoolean passed = new AtomicBoolean();
    new LiveUpgrade(new LiveAccess(props), e -> {
      passed.set(true);
      return Mono.empty();
    }).handle(exchange).block(Duration.ofSeconds(5));
    String body = passed.get() ? null : exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5));
    return new Outcome((HttpStatus) exchange.getResponse().getStatusCode(), passed.get(), body);
  }

  @Test
  void noTokenConfigured_liveStreamsAnswer503() {
    Outcome outcome = run(properties(null), MockServerHttpRequest.get("/live/stream").build());
    assertThat(outcome.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(outcome.body()).isEqualTo("{\"error\":\"live streams are not configured\"}");
    assertThat(outcome.passed()).isFalse();
  }

  @Test
  void missingOrWrongToken_is401_withTheBearerChallenge() {
    Outcome missing = run(properties(TOKEN), MockServerHttpRequest.get("/live/ws").build());
    assertThat(missing.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(missing.passed()).isFalse();
    Outcome wrong = run(properties(TOKEN), MockServerHttpRequest.get("/live/stream")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN + "x").build());
    assertThat(wrong.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(wrong.body()).isEqualTo("{\"error\":\"the token is not valid\"}");
  }

  @Test
  void theTokenInTheHeaderOrTheQuery_passes() {
    assertThat(run(properties(TOKEN), MockServerHttpRequest.get("/live/stream")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN).build()).passed()).isTrue();
    assertThat(run(properties(TOKEN), MockServerHttpRequest.get("/live/stream?token=" + TOKEN).build()).passed()).isTrue();
  }
}
