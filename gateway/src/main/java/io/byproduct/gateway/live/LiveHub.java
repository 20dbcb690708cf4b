package io.byproduct.gateway.live;

import io.byproduct.platform.config.KafkaProperties;
import io.byproduct.schemas.topics.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Opens live subscriptions, at most {@code max-subscribers} at once, and keeps the meters {@code
 * byproduct.live.subscribers} (open now) and {@code byproduct.live.ended{reason}} ({@code closed}
 * by the subscriber, {@code dropped} for not reading, {@code error}).
 */
final class LiveHub implements AutoCloseable {

  private final KafkaProperties kafka;
  private final Topics topics;
  private final PageClasses classes;
  private final LiveProperties properties;
  private final Map<Long, LiveSubscription> open = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final Map<String, Counter> ended = new ConcurrentHashMap<>();
  private final MeterRegistry registry;

  LiveHub(KafkaProperties kafka, Topics topics, PageClasses classes, LiveProperties properties, MeterRegistry registry) {
    this.kafka = kafka;
    this.topics = topics;
    this.classes = classes;
    this.properties = properties;
    this.registry = registry;
    Gauge.builder("byproduct.live.subscribers", open, Map::size)
        .description("Live stream subscribers connected now")
        .register(registry);
    for (String reason : new String[] {"closed", "dropped", "error"}) {
      counter(reason);
    }
  }

  private Counter counter(String reason) {
    return ended.computeIfAbsent(reason, r -> Counter.builder("byproduct.live.ended")
        .description("Live subscriptions ended, by reason: closed by the subscriber, dropped for not reading, error")
        .tag("reason", r)
        .register(registry));
  }

  /** A new subscription, not started; empty when {@code max-subscribers} are open already. */
  synchronized Optional<LiveSubscription> open(LiveFilter filter) {
    if (open.size() >= properties.maxSubscribers()) {
      return Optional.empty();
    }
    long id = ids.incrementAndGet();
    Map<String, Object> props = kafka.clientProperties();
    props.put("client.id", "byproduct-gateway-live-" + id);
    props.put("isolation.level", "read_committed");
    props.put("enable.auto.commit", "false");
    props.put("max.poll.records", String.valueOf(Math.min(200, properties.bufferMessages())));
    props.put("fetch.max.bytes", String.valueOf(4 * 1024 * 1024));
    props.put("max.partition.fetch.bytes", String.valueOf(1024 * 1024));
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    LiveSubscription subscription = new LiveSubscription(id, filter, topics, consumer, classes, properties,
        (s, reason) -> {
          open.remove(s.id());
          counter(reason).increment();
        });
    open.put(id, subscription);
    return Optional.of(subscription);
  }

  int openCount() {
    return open.size();
  }

  @Override
  public void close() {
    open.values().forEach(LiveSubscription::stop);
  }
}
