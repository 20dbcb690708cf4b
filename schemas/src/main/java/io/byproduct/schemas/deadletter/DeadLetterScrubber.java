package io.byproduct.schemas.deadletter;

/**
 * A service's own step between the capped payload and the stored dead letter: replaces or withholds
 * what must never be stored (the gateway: raw worker ids and capabilities). Gets the payload already
 * cut to the cap; what it returns is cut again, so it cannot grow a letter past the cap.
 */
@FunctionalInterface
public interface DeadLetterScrubber {

  /** Keeps the payload as it is. */
  DeadLetterScrubber NONE = payload -> new Scrubbed(payload, null);

  Scrubbed scrub(DeadLetterPayload capped);

  /**
   * @param payload what to store
   * @param note appended to the detail (e.g. "payload withheld: …"), or null
   */
  record Scrubbed(DeadLetterPayload payload, String note) {}
}
