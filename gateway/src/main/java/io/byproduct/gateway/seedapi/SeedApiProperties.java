package io.byproduct.gateway.seedapi;

import io.byproduct.gateway.api.ApiErrors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.ResponseEntity;

/**
 * The original front end's API as an explicit compatibility mode ({@code byproduct.gateway.seed-api.*}).
 * The original sends no capability, so its annotations are bound to the worker id only (the trust
 * model in docs/security.md, "The original front end's API").
 *
 * @param enabled serve the original's annotation search, create, page PUT and sandbox submit; off:
 *     they answer 404 with a message naming this property
 * @param warn log a WARN at start that the weaker trust model is on (devstack turns it off)
 * @param doneWait how long a last-page PUT with {@code isDone: true} waits for the HIT's other pages
 *     to be stored (they travel through Kafka and the stream processor) before it is refused with 409
 * @param storeWait how long a create waits for the page assembler to store the new annotation (the
 *     gateway never writes {@code ImageNetAnnotation}) before it answers 503; the original re-sends
 */
@ConfigurationProperties("byproduct.gateway.seed-api")
public record SeedApiProperties(@DefaultValue("false") boolean enabled, @DefaultValue("true") boolean warn,
    @DefaultValue("15s") java.time.Duration doneWait, @DefaultValue("15s") java.time.Duration storeWait) {

  /** The answer of the original's endpoints while the mode is off. */
  public static ResponseEntity<Object> off() {
    return ApiErrors.notFound("the original front end's API is off on"
        + " this gateway (compatibility mode: byproduct.gateway.seed-api.enabled=true; see docs/security.md)");
  }
}
