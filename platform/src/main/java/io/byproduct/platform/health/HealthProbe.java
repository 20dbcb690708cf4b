package io.byproduct.platform.health;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

/**
 * A container health check with nothing but the JVM the image already has (the images hold no
 * shell or curl): {@code java -cp '/app/libs/*' io.byproduct.platform.health.HealthProbe URL}
 * exits 0 when URL answers 200 within the timeout, 1 otherwise (Docker's HEALTHCHECK contract).
 */
public final class HealthProbe {

  private HealthProbe() {}

  /** @return 0 healthy, 1 not */
  public static int probe(URI url, Duration timeout) {
    try {
      HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
      connection.setConnectTimeout((int) timeout.toMillis());
      connection.setReadTimeout((int) timeout.toMillis());
      int status = connection.getResponseCode();
      try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
        if (body != null) {
          body.readAllBytes();
        }
      }
      System.out.println(url + " -> " + status);
      return status == 200 ? 0 : 1;
    } catch (IOException | RuntimeException e) {
      System.out.println(url + " -> " + e);
      return 1;
    }
  }

  public static void main(String[] args) {
    String url = args.length > 0 ? args[0] : "http://127.0.0.1:8080/actuator/health";
    System.exit(probe(URI.create(url), Duration.ofSeconds(3)));
  }
}
