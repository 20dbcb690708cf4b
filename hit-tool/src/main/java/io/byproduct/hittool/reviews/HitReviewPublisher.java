package io.byproduct.hittool.reviews;

import io.byproduct.schemas.quality.HitReview;
import io.byproduct.schemas.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes HITs' review sections to {@code hit-reviews} (acks=all, idempotent) and waits until
 * Kafka has them all; publishing the same HITs again only repeats the latest value of their keys.
 */
public final class HitReviewPublisher implements AutoCloseable {

  private final Topic<String, HitReview> topic;
  private final KafkaProducer<String, HitReview> producer;
  private final Duration timeout;

  /** @param clientProperties Kafka client settings, bootstrap.servers included */
  public HitReviewPublisher(Map<String, Object> clientProperties, Topic<String, HitReview> topic, Duration timeout) {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
    this.topic = topic;
    this.timeout = timeout;
    this.producer = new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  /** @return how many reviews Kafka acknowledged (all of them, or it throws) */
  public int publish(List<HitReview> reviews) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(reviews.size());
    for (HitReview review : reviews) {
      sent.add(producer.send(new ProducerRecord<>(topic.name(), HitReviews.key(review), review)));
    }
    producer.flush();
    for (Future<RecordMetadata> future : sent) {
      try {
        future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        throw new IllegalStateException("Kafka refused a review on " + topic.name() + ": " + e.getCause(), e.getCause());
      } catch (TimeoutException e) {
        throw new IllegalStateException("Kafka did not acknowledge the reviews on " + topic.name() + " within "
            + timeout.toSeconds() + " s", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while publishing the reviews", e);
      }
    }
    return sent.size();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
