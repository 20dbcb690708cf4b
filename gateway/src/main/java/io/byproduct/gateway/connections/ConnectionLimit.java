package io.byproduct.gateway.connections;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the open connections of one endpoint, gateway-wide and per client address, and refuses
 * one above either bound. Meters: {@code byproduct.connections.open{endpoint}} (gauge) and {@code
 * byproduct.connections.refused{endpoint,reason=gateway|address}}.
 */
public final class ConnectionLimit {

  /** Why a connection was refused. */
  public enum Refused { GATEWAY, ADDRESS }

  /** One admitted connection; release it once, when the connection ends. */
  public final class Lease {
    private final String address;
    private final AtomicBoolean released = new AtomicBoolean();

    private Lease(String address) {
      this.address = address;
    }

    public void release() {
      if (released.compareAndSet(false, true)) {
        open.decrementAndGet();
        perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() == 0 ? null : count);
      }
    }
  }

  /** The outcome of {@link #tryAcquire}: a lease, or why there is none. */
  public record Admission(Lease lease, Refused refused) {}

  private final int max;
  private final int maxPerAddress;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
  private final Counter refusedGateway;
  private final Counter refusedAddress;

  public ConnectionLimit(String endpoint, int max, int maxPerAddress, MeterRegistry registry) {
    this.max = max;
    this.maxPerAddress = maxPerAddress;
    Gauge.builder("byproduct.connections.open", open, AtomicInteger::get).tag("endpoint", endpoint)
        .description("open connections").register(registry);
    this.refusedGateway = refused(registry, endpoint, "gateway");
    this.refusedAddress = refused(registry, endpoint, "address");
  }

  public int maxPerAddress() {
    return maxPerAddress;
  }

  public int max() {
    return max;
  }

  public Admission tryAcquire(String address) {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      refusedGateway.increment();
      return new Admission(null, Refused.GATEWAY);
    }
    boolean[] admitted = {false};
    perAddress.compute(address, (a, count) -> {
      AtomicInteger c = count == null ? new AtomicInteger() : count;
      if (c.get() < maxPerAddress) {
        c.incrementAndGet();
        admitted[0] = true;
      }
      return c.get() == 0 ? null : c;
    });
    if (!admitted[0]) {
      open.decrementAndGet();
      refusedAddress.increment();
      return new Admission(null, Refused.ADDRESS);
    }
    return new Admission(new Lease(address), null);
  }

  int open() {
    return open.get();
  }

  private static Counter refused(MeterRegistry registry, String endpoint, String reason) {
    return Counter.builder("byproduct.connections.refused").tag("endpoint", endpoint).tag("reason", reason)
        .description("connections refused above a bound").register(registry);
  }
}
