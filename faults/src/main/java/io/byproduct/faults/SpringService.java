package io.byproduct.faults;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One of the system's Spring Boot services in this JVM, started with its properties as command-line
 * arguments and stopped by closing its context (as a deployment stops it: graceful shutdown, no
 * JVM shutdown hook). A start that finds its port still held by the last run retries for a while.
 */
final class SpringService {

  private final String name;
  private final Supplier<SpringApplicationBuilder> builder;
  private final Supplier<Map<String, String>> properties;
  private ConfigurableApplicationContext context;

  SpringService(String name, Supplier<SpringApplicationBuilder> builder, Supplier<Map<String, String>> properties) {
    this.name = name;
    this.builder = builder;
    this.properties = properties;
  }

  synchronized void start() {
    if (context != null) {
      throw new IllegalStateException("the " + name + " is running");
    }
    String[] args = properties.get().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        context = builder.get().registerShutdownHook(false).run(args);
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline || !portInUse(e)) {
          throw e;
        }
        pause();
      }
    }
  }

  synchronized void stop() {
    if (context != null) {
      context.close();
      context = null;
    }
  }

  /** The running context. */
  synchronized ConfigurableApplicationContext context() {
    if (context == null) {
      throw new IllegalStateException("the " + name + " is not running");
    }
    return context;
  }

  private static boolean portInUse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getClass().getSimpleName().contains("PortInUse") || String.valueOf(t.getMessage()).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }

  private static void pause() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting a service", e);
    }
  }
}
