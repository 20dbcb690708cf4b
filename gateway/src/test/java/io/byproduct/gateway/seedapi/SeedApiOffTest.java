package io.byproduct.gateway.seedapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** With the compatibility mode off, the original front end's writes answer 404 naming the property, touching nothing. */
class SeedApiOffTest {

  private static final SeedApiProperties OFF = new SeedApiProperties(false, true, Duration.ofSeconds(15), Duration.ofSeconds(15));

  @Test
  void seedWritesAndSandbox_whenOff_are404NamingTheProperty() {
    SeedWritesController writes = new SeedWritesController(null, null, null, OFF, null, null, null, null,
        org.springframework.util.unit.DataSize.ofMegabytes(8));
    SandboxController sandbox = new SandboxController(null, null, null, null, OFF);

    for (ResponseEntity<Object> answer : new ResponseEntity[] {
        writes.create("demo", "hit-1", reactor.core.publisher.Mono.just("{}".getBytes())).block(),
        writes.page("demo", "some-annotation", reactor.core.publisher.Mono.just("{}".getBytes())).block(),
        sandbox.submit("{}").block()}) {
      assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(((Map<?, ?>) answer.getBody()).get("error").toString()).contains("byproduct.gateway.seed-api.enabled=true");
    }
  }
}
