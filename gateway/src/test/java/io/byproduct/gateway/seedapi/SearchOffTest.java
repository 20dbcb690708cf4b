package io.byproduct.gateway.seedapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The original's annotation search is part of the compatibility mode: off, it answers 404 and reads nothing. */
class SearchOffTest {

  @Test
  void search_whenTheSeedApiIsOff_is404() {
    SeedSearchController controller = new SeedSearchController(null, null, null, null,
        new SeedApiProperties(false, true, Duration.ofSeconds(15), Duration.ofSeconds(15)), null);

    var answer = controller.search("demo", "hit-1", "A1WORKER").block();

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(answer.getBody().toString()).contains("byproduct.gateway.seed-api.enabled=true");
  }
}
