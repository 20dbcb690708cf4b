package io.byproduct.gateway.ingest;

import io.byproduct.schemas.event.InteractionEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends events to the interactions topic, keyed by annotation id, through the one shared
 * idempotent producer ({@code acks=all}). The future completes when the broker has acknowledged
 * every event of the batch, or exceptionally with the first failure. Shared by the WebSocket and
 * HTTP ingest and by the seed's REST writes.
 */
public final class EventPublisher {

  private final Producer<String, InteractionEvent> producer;
  private final String topic;

  EventPublisher(Producer<String, InteractionEvent> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  /** Sends; may block while the producer fetches metadata or its buffer is full (call off the event loop). */
  public CompletableFuture<Void> publish(List<InteractionEvent> events) {
    CompletableFuture<Void> durable = new CompletableFuture<>();
    if (events.isEmpty()) {
      durable.complete(null);
      return durable;
    }
    AtomicInteger outstanding = new AtomicInteger(events.size());
    try {
      for (InteractionEvent event : events) {
        producer.send(new ProducerRecord<>(topic, event.getAnnotationId(), event), (metadata, error) -> {
          if (error != null) {
            durable.completeExceptionally(error);
          } else if (outstanding.decrementAndGet() == 0) {
            durable.complete(null);
          }
        });
      }
    } catch (RuntimeException e) {
      durable.completeExceptionally(e);
    }
    return durable;
  }
}
