package io.byproduct.bench.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Heap and CPU of a gateway running in another process, read every second from its
 * {@code /actuator/metrics} ({@code jvm.memory.used} of the heap, {@code process.cpu.usage}).
 */
final class GatewayMetrics implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI base;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread poller;
  private long samples;
  private double heapSum;
  private double heapMax;
  private double cpuSum;
  private double cpuMax;

  GatewayMetrics(URI gateway) {
    this.base = gateway;
    poller = new Thread(this::poll, "bench-gateway-metrics");
    poller.setDaemon(true);
    poller.start();
  }

  private void poll() {
    while (running.get()) {
      try {
        double heap = value("jvm.memory.used?tag=area:heap");
        double cpu = value("process.cpu.usage");
        synchronized (this) {
          samples++;
          heapSum += heap;
          heapMax = Math.max(heapMax, heap);
          cpuSum += cpu;
          cpuMax = Math.max(cpuMax, cpu);
        }
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        try {
          Thread.sleep(1000);  // not reachable now; try again
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  private double value(String metric) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/actuator/metrics/" + metric))
        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode measurements = JSON.readTree(response.body()).get("measurements");
    return measurements.get(0).get("value").asDouble();
  }

  /** Mean and max over the samples, e.g. "heap mean 210 MB, max 320 MB; CPU mean 0.41, max 0.80 (n=60)". */
  synchronized String summary() {
    if (samples == 0) {
      return "no samples from " + base + "/actuator/metrics";
    }
    return String.format("heap mean %,.0f MB, max %,.0f MB; process CPU mean %.0f%%, max %.0f%% of the machine (n=%d)",
        heapSum / samples / 1e6, heapMax / 1e6, 100 * cpuSum / samples, 100 * cpuMax, samples);
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    poller.interrupt();
    poller.join(2_000);
  }
}
