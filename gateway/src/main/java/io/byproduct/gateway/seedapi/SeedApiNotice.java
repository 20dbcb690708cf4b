package io.byproduct.gateway.seedapi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** States at start that the original front end's API, with its weaker trust model, is on. */
@Component
class SeedApiNotice {

  private static final Logger log = LoggerFactory.getLogger(SeedApiNotice.class);

  private final SeedApiProperties properties;

  SeedApiNotice(SeedApiProperties properties) {
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  void started() {
    if (properties.enabled() && properties.warn()) {
      log.warn("The original front end's API is on (byproduct.gateway.seed-api.enabled=true): its annotations are"
          + " bound to the worker id only, which is semi-public. Anyone who knows a worker's id can find that worker's"
          + " seed-API annotations and add their missing pages (stored pages are never replaced; no survey code is"
          + " given for them). Turn it off unless you run the original front end; see docs/security.md.");
    }
  }
}
