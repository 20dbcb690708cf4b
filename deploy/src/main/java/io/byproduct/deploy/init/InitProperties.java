package io.byproduct.deploy.init;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the init job writes besides topics and tables.
 *
 * @param demo load the demo dataset (images and HITs)
 * @param imagesDir where the demo's images go: the folder the gateway serves
 *     ({@code byproduct.gateway.images-dir}), shared as a volume
 */
@Validated
@ConfigurationProperties("byproduct.init")
public record InitProperties(
    @DefaultValue("true") boolean demo,
    @NotNull @DefaultValue("/var/lib/byproduct/images") Path imagesDir) {}
