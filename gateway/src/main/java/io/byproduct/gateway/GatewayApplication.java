package io.byproduct.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The gateway: serves the worker's page and the APIs, and puts interaction events into Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

  /** The gateway reads {@code gateway.properties} (not application.properties): services may share a JVM. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(GatewayApplication.class).properties("spring.config.name=gateway");
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
