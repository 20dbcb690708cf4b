package io.byproduct.gateway.live;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.byproduct.gateway.WebSlices;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The live stream's error paths as a slice, the hub (Kafka consumers) as a double: 401 without or
 * with a wrong token (with the Bearer challenge), 400 naming a bad parameter, 429 when the hub has
 * no room; no subscription is opened for any of them but the last.
 */
@Import(WebSlices.class)
@WebFluxTest(controllers = LiveController.class,
    properties = {WebSlices.WORKER_ID_KEY, WebSlices.SURVEY_CODE_KEY,
        "byproduct.gateway.live.token=" + LiveErrorsWebTest.TOKEN})
class LiveErrorsWebTest {

  static final String TOKEN = "live-slice-token-0123456789";

  @TestConfiguration
  @EnableConfigurationProperties(LiveProperties.class)
  static class RealAccess {
    @Bean
    LiveAccess liveAccess(LiveProperties live) {
      return new LiveAccess(live);
    }
  }

  @Autowired
  private WebTestClient client;
  @MockitoBean
  private LiveHub hub;

  @Test
  void stream_withoutOrWithAWrongToken_is401() {
    client.get().uri("/live/stream").exchange().expectStatus().isUnauthorized()
        .expectHeader().valueEquals("WWW-Authenticate", "Bearer realm=\"byproduct-live\"")
        .expectBody().jsonPath("$.error").isEqualTo("a token is required: Authorization: Bearer <token>, or ?token=<token>");
    client.get().uri("/live/stream?token=wrong-token-0123456789").exchange().expectStatus().isUnauthorized()
        .expectBody().jsonPath("$.error").isEqualTo("the token is not valid");
    verify(hub, never()).open(any());
  }

  @Test
  void stream_withABadParameter_is400NamingIt() {
    client.get().uri("/live/stream?streams=nonsense").header("Authorization", "Bearer " + TOKEN).exchange()
        .expectStatus().isBadRequest().expectBody().jsonPath("$.error").value(m ->
            org.assertj.core.api.Assertions.assertThat((String) m).contains("streams"));
    verify(hub, never()).open(any());
  }

  @Test
  void stream_whenTheHubIsFull_is429() {
    when(hub.open(any())).thenReturn(Optional.empty());

    client.get().uri("/live/stream").header("Authorization", "Bearer " + TOKEN).exchange()
        .expectStatus().isEqualTo(429)
        .expectBody().jsonPath("$.error").isEqualTo("too many live subscribers; try again later");
  }
}
