package io.byproduct.gateway.live;

import io.byproduct.schemas.json.RecordJson;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.PageOpened;
import io.byproduct.schemas.record.ImageUpdate;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.serde.AvroSerde;
import io.byproduct.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One live subscriber: its own Kafka consumer (the selected topics, all partitions assigned, no
 * group) polled on its own thread, filtered server-side, rendered to JSON, and handed to the
 * subscriber through a bounded buffer. When the buffer is full (the subscriber does not read) the
 * subscription ends: the buffer is discarded, the consumer closed, and the subscriber receives one
 * last {@code dropped} message.
 */
final class LiveSubscription {

  private static final Logger log = LoggerFactory.getLogger(LiveSubscription.class);
  private static final AvroSerde<InteractionEvent> EVENTS = AvroSerde.of(InteractionEvent.class);
  private static final AvroSerde<ImageUpdate> IMAGES = AvroSerde.of(ImageUpdate.class);
  private static final AvroSerde<PageRecord> PAGES = AvroSerde.of(PageRecord.class);
  private static final int OPENED_PAGES_REMEMBERED = 10_000;
  private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(30);

  /** Why a subscription ended early. */
  interface Listener {
    void ended(LiveSubscription subscription, String reason);
  }

  private final long id;
  private final LiveFilter filter;
  private final Topics topics;
  private final Consumer<String, byte[]> consumer;
  private final PageClasses classes;
  private final LiveProperties properties;
  private final Listener listener;
  private final Sinks.Many<LiveMessage> messages;
  private final Sinks.One<LiveMessage> end = Sinks.one();
  private final AtomicLong bufferedBytes = new AtomicLong();
  private final AtomicLong lastDelivered = new AtomicLong();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicBoolean attached = new AtomicBoolean();
  private final Map<String, Set<String>> openedPageClasses = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
      return size() > OPENED_PAGES_REMEMBERED;
    }
  };

  LiveSubscription(long id, LiveFilter filter, Topics topics, Consumer<String, byte[]> consumer, PageClasses classes,
      LiveProperties properties, Listener listener) {
    this.id = id;
    this.filter = filter;
    this.topics = topics;
    this.consumer = consumer;
    this.classes = classes;
    this.properties = properties;
    this.listener = listener;
    Queue<LiveMessage> buffer = Queues.<LiveMessage>get(properties.bufferMessages()).get();
    this.messages = Sinks.many().unicast().onBackpressureBuffer(buffer);
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
    return messages.asFlux()
        .doOnSubscribe(s -> attached.set(true))
        .doOnNext(m -> {
          bufferedBytes.addAndGet(-m.size());
          if (m.timestamp() > 0) {
            lastDelivered.set(m.timestamp());
          }
        })
        .takeUntilOther(end.asMono())
        .concatWith(end.asMono())
        .doFinally(signal -> stop());
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
      List<TopicPartition> partitions = assign();
      offer(new LiveMessage("subscribed", null, 0, subscribedJson(partitions)));
      long lastSent = System.nanoTime();
      long startedAt = lastSent;
      while (!stopped.get()) {
        if (!attached.get() && System.nanoTime() - startedAt > ATTACH_TIMEOUT.toNanos()) {
          return;  // the response was never subscribed to (the client went away before its stream began)
        }
        boolean sent = false;
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
          LiveMessage message = toMessage(record);
          if (message != null) {
            if (!offer(message)) {
              reason = "dropped";
              return;
            }
            sent = true;
          }
        }
        if (sent) {
          lastSent = System.nanoTime();
        } else if (System.nanoTime() - lastSent >= properties.heartbeat().toNanos()) {
          if (!offer(new LiveMessage("heartbeat", null, 0, "{}"))) {
            reason = "dropped";
            return;
          }
          lastSent = System.nanoTime();
        }
      }
    } catch (WakeupException stoppedByTheSubscriber) {
      // the subscriber went away
    } catch (RuntimeException e) {
      reason = "error";
      log.warn("Live subscriber {} failed: {}", id, e.toString());
      end.tryEmitValue(new LiveMessage("error", null, 0, RecordJson.MAPPER.createObjectNode()
          .put("reason", "failed").put("message", "the live stream failed: " + e.getMessage()).toString()));
    } finally {
      stopped.set(true);
      if (reason.equals("closed")) {
        messages.tryEmitComplete();  // the gateway is shutting down, or the subscriber left (then a no-op)
      }
      listener.ended(this, reason);
    }
  }

  /**
   * Hands a message to the subscriber. A full buffer is waited on, up to {@code drop-after}; if it
   * stays full, the subscription is dropped and false returned.
   */
  private boolean offer(LiveMessage message) {
    long deadline = System.nanoTime() + properties.dropAfter().toNanos();
    long limit = properties.bufferBytes().toBytes();
    while (true) {
      if (stopped.get()) {
        return true;
      }
      boolean roomForBytes = bufferedBytes.get() == 0 || bufferedBytes.get() + message.size() <= limit;
      if (roomForBytes) {
        bufferedBytes.addAndGet(message.size());
        Sinks.EmitResult result = messages.tryEmitNext(message);
        if (result.isSuccess()) {
          return true;
        }
        bufferedBytes.addAndGet(-message.size());
        if (result == Sinks.EmitResult.FAIL_CANCELLED || result == Sinks.EmitResult.FAIL_TERMINATED) {
          stopped.set(true);
          return true;
        }
      }
      if (System.nanoTime() > deadline) {
        drop();
        return false;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped.set(true);
        return true;
      }
    }
  }

  private void drop() {
    stopped.set(true);
    long resumeFrom = lastDelivered.get();
    var notice = RecordJson.MAPPER.createObjectNode()
        .put("reason", "too-slow")
        .put("message", "this subscriber did not read its stream for " + properties.dropAfter().toMillis()
            + " ms while its buffer was full; reconnect (with from=" + resumeFrom + " to continue near where it stopped)");
    notice.put("resumeFrom", resumeFrom);
    end.tryEmitValue(new LiveMessage("dropped", null, 0, notice.toString()));
  }

  private List<TopicPartition> assign() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (LiveFilter.Stream stream : filter.streams()) {
      String topic = topicOf(stream);
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
      for (PartitionInfo info : infos) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
    }
    consumer.assign(partitions);
    LiveFilter.From from = filter.from();
    if (from.earliest()) {
      consumer.seekToBeginning(partitions);
    } else if (from.time() != null) {
      Map<TopicPartition, Long> query = new HashMap<>();
      partitions.forEach(tp -> query.put(tp, from.time()));
      Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, Duration.ofSeconds(10));
      List<TopicPartition> atEnd = new ArrayList<>();
      for (TopicPartition tp : partitions) {
        OffsetAndTimestamp at = found.get(tp);
        if (at == null) {
          atEnd.add(tp);
        } else {
          consumer.seek(tp, at.offset());
        }
      }
      consumer.seekToEnd(atEnd);
    } else {
      consumer.seekToEnd(partitions);
    }
    partitions.forEach(tp -> consumer.position(tp, Duration.ofSeconds(10)));  // fixed now: "subscribed" means live
    return partitions;
  }

  private String topicOf(LiveFilter.Stream stream) {
    return switch (stream) {
      case EVENTS -> topics.interactions.name();
      case IMAGES -> topics.images.name();
      case PAGES -> topics.pages.name();
    };
  }

  private String subscribedJson(List<TopicPartition> partitions) {
    var node = RecordJson.MAPPER.createObjectNode();
    var streams = node.putArray("streams");
    filter.streams().forEach(s -> streams.add(s.name().toLowerCase()));
    node.put("partitions", partitions.size());
    node.put("from", filter.from().earliest() ? "earliest" : filter.from().time() != null
        ? String.valueOf(filter.from().time()) : "latest");
    return node.toString();
  }

  /** The record as a message for this subscriber, or null if the filter leaves it out (or it cannot be read). */
  LiveMessage toMessage(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return null;
    }
    String id = record.topic() + ":" + record.partition() + ":" + record.offset();
    try {
      if (record.topic().equals(topics.interactions.name())) {
        InteractionEvent e = EVENTS.decode(record.value());
        if (e.getPayload() instanceof PageOpened opened && filter.classId() != null) {
          Set<String> ids = new java.util.HashSet<>();
          ids.add(opened.getClassId());
          if (opened.getWnid() != null) {
            ids.add(opened.getWnid());
          }
          openedPageClasses.put(e.getAnnotationId() + "|" + e.getPageNo(), Set.copyOf(ids));
        }
        if (!filter.matches(e.getHitDatasetName(), e.getImageNetHitId(), e.getAnnotationId())
            || !classMatches(e.getHitDatasetName(), e.getImageNetHitId(), e.getAnnotationId(), e.getPageNo())) {
          return null;
        }
        return new LiveMessage(LiveFilter.Stream.EVENTS.messageType, id, record.timestamp(), RecordJson.avro(e).toString());
      }
      if (record.topic().equals(topics.images.name())) {
        ImageUpdate u = IMAGES.decode(record.value());
        if (!filter.matches(u.getHitDatasetName(), u.getImageNetHitId(), u.getAnnotationId())
            || !classMatches(u.getHitDatasetName(), u.getImageNetHitId(), u.getAnnotationId(), u.getPageNo())) {
          return null;
        }
        return new LiveMessage(LiveFilter.Stream.IMAGES.messageType, id, record.timestamp(), RecordJson.image(
            u.getRecord(), u.getAnnotationId(), u.getPageNo(), u.getHitDatasetName(), u.getImageNetHitId()).toString());
      }
      PageRecord p = PAGES.decode(record.value());
      if (!filter.matches(p.getHitDatasetName(), p.getImageNetHitId(), p.getAnnotationId())
          || !classMatches(p.getHitDatasetName(), p.getImageNetHitId(), p.getAnnotationId(), p.getPageNo())) {
        return null;
      }
      return new LiveMessage(LiveFilter.Stream.PAGES.messageType, id, record.timestamp(), RecordJson.page(p).toString());
    } catch (SerializationException undecodable) {
      return null;
    }
  }

  private boolean classMatches(String dataset, String hit, String annotation, int pageNo) {
    if (filter.classId() == null) {
      return true;
    }
    Set<String> known = classes.of(dataset, hit, pageNo);
    if (known.isEmpty()) {
      known = openedPageClasses.getOrDefault(annotation + "|" + pageNo, Set.of());
    }
    return known.contains(filter.classId());
  }
}
