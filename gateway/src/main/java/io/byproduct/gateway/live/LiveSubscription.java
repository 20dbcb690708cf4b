package io.byproduct.gateway.live;

import io.byproduct.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * One live subscriber: its own Kafka consumer (positioned by {@link LivePositions}) polled on its
 * own thread, each record filtered and rendered by {@link LiveRecords}, handed to the subscriber
 * through a bounded {@link LiveBuffer}, with a heartbeat when nothing was sent for a while. When
 * the buffer stays full (the subscriber does not read) the subscription ends: the consumer is
 * closed and the subscriber receives one last {@code dropped} message.
 */
final class LiveSubscription {

  private static final Logger log = LoggerFactory.getLogger(LiveSubscription.class);
  private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(250);

  /** Why a subscription ended early. */
  interface Listener {
    void ended(LiveSubscription subscription, String reason);
  }

  private final long id;
  private final LiveFilter filter;
  private final Topics topics;
  private final Consumer<String, byte[]> consumer;
  private final LiveProperties properties;
  private final Listener listener;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final LiveRecords records;
  private final LiveBuffer buffer;

  LiveSubscription(long id, LiveFilter filter, Topics topics, Consumer<String, byte[]> consumer, PageClasses classes,
      LiveProperties properties, Listener listener) {
    this.id = id;
    this.filter = filter;
    this.topics = topics;
    this.consumer = consumer;
    this.properties = properties;
    this.listener = listener;
    this.records = new LiveRecords(filter, topics, classes);
    this.buffer = new LiveBuffer(properties, stopped);
  }

  long id() {
    return id;
  }

  /**
   * The subscriber's messages: {@code subscribed} first, then the records as they come, and, if it
   * is dropped or fails, one {@code dropped} or {@code error} message before the end. Cancelling
   * stops the subscription.
   */
  Flux<LiveMessage> messages() {
    return buffer.flux(this::stop);
  }

  /** Starts polling on a thread of its own; messages wait (bounded) until {@link #messages()} is subscribed to. */
  void start() {
    Thread thread = new Thread(this::run, "live-subscriber-" + id);
    thread.setDaemon(true);
    thread.start();
  }

  void stop() {
    if (stopped.compareAndSet(false, true)) {
      consumer.wakeup();
    }
  }

  private void run() {
    String reason = "closed";
    try (consumer) {
      List<TopicPartition> partitions = LivePositions.assign(consumer, filter, topics);
      buffer.offer(LivePositions.subscribed(filter, partitions));
      reason = poll();
    } catch (WakeupException stoppedByTheSubscriber) {
      // the subscriber went away
    } catch (RuntimeException e) {
      reason = "error";
      log.warn("Live subscriber {} failed: {}", id, e.toString());
      buffer.fail(e);
    } finally {
      stopped.set(true);
      if (reason.equals("closed")) {
        buffer.complete();  // the gateway is shutting down, or the subscriber left (then a no-op)
      }
      listener.ended(this, reason);
    }
  }

  /** Polls until stopped; @return why it ended: {@code closed} or {@code dropped} */
  private String poll() {
    long lastSent = System.nanoTime();
    long startedAt = lastSent;
    while (!stopped.get()) {
      if (!buffer.attached() && System.nanoTime() - startedAt > ATTACH_TIMEOUT.toNanos()) {
        return "closed";  // the response was never subscribed to (the client went away before its stream began)
      }
      boolean sent = false;
      for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
        for (LiveMessage message : records.toMessages(record)) {
          if (buffer.offer(message) == LiveBuffer.Offered.DROPPED) {
            return "dropped";
          }
          sent = true;
        }
      }
      if (sent) {
        lastSent = System.nanoTime();
      } else if (System.nanoTime() - lastSent >= properties.heartbeat().toNanos()) {
        if (buffer.offer(new LiveMessage("heartbeat", null, 0, "{}")) == LiveBuffer.Offered.DROPPED) {
          return "dropped";
        }
        lastSent = System.nanoTime();
      }
    }
    return "closed";
  }
}
