package io.byproduct.gateway.ingest;

import io.byproduct.schemas.batch.InteractionBatch;
import io.byproduct.schemas.event.InteractionEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends to the interactions topic, keyed by annotation id, through the one shared idempotent
 * producer ({@code acks=all}): a frame's events as one {@link InteractionBatch} (the WebSocket and
 * HTTP ingest), or events one record each (the seed's REST writes). The future completes when the
 * broker has acknowledged every record, or exceptionally with the first failure. One producer for
 * both formats keeps an annotation's records in the order they were sent.
 */
public final class EventPublisher {

  private final Producer<String, SpecificRecord> producer;
  private final String topic;

  EventPublisher(Producer<String, SpecificRecord> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  /** Sends each event as a record of its own; may block while the producer fetches metadata or its buffer is full (call off the event loop). */
  public CompletableFuture<Void> publish(List<InteractionEvent> events) {
    return send(events.stream().map(e -> new ProducerRecord<String, SpecificRecord>(topic, e.getAnnotationId(), e)).toList());
  }

  /** Sends each frame's events as one batch record; may block as {@link #publish} does. */
  CompletableFuture<Void> publishFrames(List<DecodedFrame> frames) {
    return send(frames.stream().filter(f -> f.size() > 0)
        .map(f -> new ProducerRecord<String, SpecificRecord>(topic, f.batch().getAnnotationId(), f.batch())).toList());
  }

  private CompletableFuture<Void> send(List<ProducerRecord<String, SpecificRecord>> records) {
    CompletableFuture<Void> durable = new CompletableFuture<>();
    if (records.isEmpty()) {
      durable.complete(null);
      return durable;
    }
    AtomicInteger outstanding = new AtomicInteger(records.size());
    try {
      for (ProducerRecord<String, SpecificRecord> record : records) {
        producer.send(record, (metadata, error) -> {
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
