package io.byproduct.gateway.binding;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Counts the requests refused by completion and binding checks, and the original front end's
 * writes refused for their body or not stored in time: {@code
 * byproduct.binding.refused{reason}}, every reason registered at start at 0. (Hellos refused for
 * their capability are {@code byproduct.ingest.rejected{reason="forbidden"}}.)
 */
@Component
public class BindingRefusals {

  /** Why a request was refused. */
  public enum Reason {
    /** A capability, worker or HIT that is not the stored annotation's; another worker's annotation id. */
    NOT_OWNER("not-owner"),
    /** A survey code before every page of the HIT is stored. */
    NOT_COMPLETE("not-complete"),
    /** A unique HIT for a worker who finished another HIT of the dataset. */
    ONE_HIT_PER_WORKER("one-hit-per-worker"),
    /** A seed-API write into an annotation of our page. */
    BOUND_ANNOTATION("bound-annotation"),
    /** A seed-API PUT with other content over a stored page. */
    PAGE_STORED("page-stored"),
    /** A seed-API {@code isDone} before the last page, or before every other page is stored. */
    EARLY_DONE("early-done"),
    /** A seed-API body refused with 400: not UTF-8, not JSON, a missing field, a value out of range, not finite, an absurd time. */
    INVALID_BODY("invalid-body"),
    /** A seed-API body larger than {@code spring.http.codecs.max-in-memory-size} (413). */
    TOO_LARGE("too-large"),
    /** A seed-API write taken by Kafka but not stored within {@code store-wait} (503; the resend is harmless). */
    NOT_STORED("not-stored");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

  public BindingRefusals(MeterRegistry registry) {
    for (Reason reason : Reason.values()) {
      counters.put(reason, Counter.builder("byproduct.binding.refused")
          .description("Requests refused by the completion, assignment-binding and seed-API body checks, by reason")
          .tag("reason", reason.code())
          .register(registry));
    }
  }

  public void count(Reason reason) {
    counters.get(reason).increment();
  }
}
