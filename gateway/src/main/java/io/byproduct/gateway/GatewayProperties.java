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
 *     the value. The assignment binding's key is derived from it.
 * @param surveyCodeKey the secret key of the survey codes (HMAC-SHA256, at least 16 bytes), its own
 *     so that whoever verifies codes ({@code hit-tool verify-codes}) does not hold the pseudonyms'
 *     key; required, from the environment ({@code BYPRODUCT_SURVEY_CODE_KEY}), checked like the
 *     worker-id key
 */
@Validated
@ConfigurationProperties("byproduct.gateway")
public record GatewayProperties(Path imagesDir, String workerIdKey, String surveyCodeKey) {

  /** Never shows the keys. */
  @Override
  public String toString() {
    return "GatewayProperties[imagesDir=" + imagesDir + ", workerIdKey=" + hidden(workerIdKey)
        + ", surveyCodeKey=" + hidden(surveyCodeKey) + "]";
  }

  private static String hidden(String secret) {
    return secret == null ? "(not set)" : "(hidden)";
  }
}
