package io.byproduct.gateway;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's own settings.
 *
 * @param imagesDir a folder whose files are served at {@code /images/**} (studies and the demo);
 *     empty when images are served from elsewhere by URL
 * @param workerIdKey the secret key of the worker-id pseudonyms (HMAC-SHA256, at least 16 bytes);
 *     required, set it from the environment ({@code BYPRODUCT_GATEWAY_WORKERIDKEY}), never in git.
 *     It is checked when the ingest starts, with a message that names the property but never shows
 *     the value.
 */
@Validated
@ConfigurationProperties("byproduct.gateway")
public record GatewayProperties(Path imagesDir, String workerIdKey) {

  /** Never shows the worker-id key. */
  @Override
  public String toString() {
    return "GatewayProperties[imagesDir=" + imagesDir + ", workerIdKey=" + (workerIdKey == null ? "(not set)" : "(hidden)") + "]";
  }
}
