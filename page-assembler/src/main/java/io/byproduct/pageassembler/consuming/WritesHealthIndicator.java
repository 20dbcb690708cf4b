package io.byproduct.pageassembler.consuming;

import java.time.Instant;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health {@code writes}: DOWN with the reason while DynamoDB refuses the assembler's writes for
 * anything but a record's own content (access denied, a missing table, throttling, an outage); the
 * assembler then consumes nothing and retries from the committed offsets. UP again after the next
 * write that succeeds.
 */
@Component("writesHealthIndicator")
public class WritesHealthIndicator extends AbstractHealthIndicator {

  private record Failing(String reason, Instant since, long attempts) {}

  private volatile Failing failing;

  void failed(String reason) {
    Failing current = failing;
    failing = new Failing(reason, current == null ? Instant.now() : current.since(),
        current == null ? 1 : current.attempts() + 1);
  }

  void succeeded() {
    failing = null;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Failing current = failing;
    if (current == null) {
      builder.up();
    } else {
      builder.down().withDetail("reason", current.reason()).withDetail("since", current.since().toString())
          .withDetail("attempts", current.attempts());
    }
  }
}
