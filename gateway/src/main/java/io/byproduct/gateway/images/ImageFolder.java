package io.byproduct.gateway.images;

import io.byproduct.gateway.GatewayProperties;
import java.nio.file.Files;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/** Serves {@code byproduct.gateway.images-dir} at {@code /images/**}, if it is set. */
@Configuration
class ImageFolder implements WebFluxConfigurer {

  private static final Logger log = LoggerFactory.getLogger(ImageFolder.class);

  private final GatewayProperties properties;

  ImageFolder(GatewayProperties properties) {
    this.properties = properties;
  }

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    if (properties.imagesDir() == null) {
      return;
    }
    if (!Files.isDirectory(properties.imagesDir())) {
      throw new IllegalStateException("byproduct.gateway.images-dir=" + properties.imagesDir()
          + " is not a folder: create it, or leave the property empty to serve no images");
    }
    String location = properties.imagesDir().toAbsolutePath().toUri().toString();
    registry.addResourceHandler("/images/**")
        .addResourceLocations(location.endsWith("/") ? location : location + "/")
        .setCacheControl(CacheControl.maxAge(Duration.ofHours(1)));
    log.info("Serving images from {} at /images/", properties.imagesDir().toAbsolutePath());
  }
}
