package io.byproduct.gateway;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's own settings.
 *
 * @param imagesDir a folder whose files are served at {@code /images/**} (studies and the demo);
 *     empty when images are served from elsewhere by URL
 */
@Validated
@ConfigurationProperties("byproduct.gateway")
public record GatewayProperties(Path imagesDir) {}
