package io.byproduct.analytics.replay;

import io.byproduct.analytics.AnalyticsException;
import io.byproduct.analytics.kafka.KafkaOptions;
import io.byproduct.analytics.kafka.PartitionRange;
import io.byproduct.analytics.kafka.RangeReader;
import io.byproduct.analytics.kafka.Ranges;
import io.byproduct.platform.config.TopicsProperties;
import io.byproduct.platform.topics.TopicProvisioner;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import io.byproduct.schemas.serde.AvroSerde;
import io.byproduct.schemas.topics.Topics;
import io.byproduct.streamprocessor.topology.CaptureOptions;
import io.byproduct.streamprocessor.topology.CaptureTopology;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * Replays a range of {@code interactions} through the capture topology ({@link CaptureTopology},
 * the stream processor's own) into new topics under a prefix.
 *
 * <ol>
 *   <li>The range is copied, record for record (same partition, key, value bytes, timestamp and
 *       headers), into {@code P.interactions}, a new topic with as many partitions as the source.
 *       The copy is bounded, so the replay knows when it is done.
 *   <li>The topology runs (exactly once, its own application id {@code P.replay-...}) over {@code
 *       P.interactions} with abandonment switched off, until its committed offsets reach the end.
 *       Each annotation's events are on one partition in their original order, and the fold depends
 *       on nothing else, so the submitted pages equal those the live processor made.
 *   <li>Pages still open at the end of the range: the topology is started once more on the same
 *       state with an abandonment time of zero, so its own abandonment emits each of them ABANDONED
 *       (endedAt = the page's last event), exactly as the live processor does after its idle time;
 *       or, with {@link ReplaySettings.OpenPages#OMIT}, they are left out.
 *   <li>The replay's internal topics and consumer group are deleted; its output stays.
 * </ol>
 *
 * <p>Not deterministic, and not meant to be: the {@code images} output (rate-limited by the wall
 * clock) and the Kafka timestamps of abandoned pages.
 */
public final class Replay {

  /** What a replay did. */
  public record Result(String targetPrefix, List<PartitionRange> ranges, long eventsCopied, long eventsSkipped,
      long pagesSubmitted, long pagesAbandoned) {}

  /** Off: nothing is abandoned by time during the replay itself (a century). */
  static final Duration NEVER = Duration.ofDays(36_500);

  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaOptions kafka;
  private final ReplaySettings settings;
  private final PrintWriter progress;
  private final Topics source;
  private final Topics target;

  public Replay(KafkaOptions kafka, ReplaySettings settings, PrintWriter progress) {
    this.kafka = kafka;
    this.settings = settings;
    this.progress = progress;
    this.source = Topics.withPrefix(kafka.topicPrefix());
    this.target = Topics.withPrefix(settings.targetPrefix());
  }

  public Result run() throws Exception {
    if (settings.targetPrefix().equals(kafka.topicPrefix())) {
      throw AnalyticsException.refused("the replay's prefix must differ from the source's ('" + kafka.topicPrefix() + "')");
    }
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      Set<String> existing = admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      for (var topic : target.all()) {
        if (existing.contains(topic.name())) {
          throw AnalyticsException.refused("topic '" + topic.name() + "' exists already: a replay writes new topics;"
              + " choose another prefix");
        }
      }
      if (!existing.contains(source.interactions.name())) {
        throw AnalyticsException.refused("topic '" + source.interactions.name() + "' does not exist (check --topic-prefix)");
      }
      int partitions = admin.describeTopics(List.of(source.interactions.name())).allTopicNames()
          .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(source.interactions.name()).partitions().size();
      new TopicProvisioner(admin, target, new TopicsProperties(settings.targetPrefix(), partitions, Map.of(),
          settings.replicationFactor()), kafka.bootstrapServers(), ADMIN_TIMEOUT).createMissing();

      Copied copied = copyRange();
      progress.printf("replay: copied %,d events of %s %s into %s%s%n", copied.events(), source.interactions.name(),
          copied.ranges(), target.interactions.name(),
          copied.leftOut() > 0 ? " (" + copied.leftOut() + " of other datasets or undecodable left out)" : "");
      progress.flush();

      String applicationId = settings.targetPrefix() + "replay-" + UUID.randomUUID().toString().substring(0, 8);
      Path stateDir = Files.createTempDirectory("byproduct-replay-");
      try {
        long open = runTopology(admin, applicationId, stateDir);
        if (open > 0 && settings.openPages() == ReplaySettings.OpenPages.ABANDON) {
          progress.printf("replay: %,d pages were still open at the end of the range: emitting them ABANDONED%n", open);
          progress.flush();
          abandonOpenPages(applicationId, stateDir, open);
        } else if (open > 0) {
          progress.printf("replay: %,d pages were still open at the end of the range: left out%n", open);
        }
      } finally {
        cleanUp(admin, applicationId);
        deleteQuietly(stateDir);
      }
      long[] pages = countPages();
      progress.printf("replay: done: %s holds %,d submitted and %,d abandoned pages%n", target.pages.name(), pages[0],
          pages[1]);
      progress.flush();
      return new Result(settings.targetPrefix(), copied.ranges(), copied.events(), copied.leftOut(), pages[0], pages[1]);
    }
  }

  /** What the copy of the range did. */
  private record Copied(List<PartitionRange> ranges, long events, long leftOut) {}

  /** Copies the range into the replay's input topic. */
  private Copied copyRange() throws Exception {
    Map<String, Object> consumerProps = kafka.clientProperties();
    consumerProps.put("isolation.level", "read_committed");
    consumerProps.put("enable.auto.commit", "false");
    consumerProps.put("client.id", "byproduct-analytics-replay-copy");
    Map<String, Object> producerProps = kafka.clientProperties();
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    producerProps.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    producerProps.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    producerProps.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(CaptureTopology.MAX_RECORD_BYTES));
    producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "byproduct-analytics-replay-copy");
    AvroSerde<InteractionEvent> events = AvroSerde.of(InteractionEvent.class);
    long[] counts = new long[2];
    List<PartitionRange> ranges;
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
            new ByteArraySerializer())) {
      ranges = Ranges.resolve(consumer, source.interactions.name(), settings.range());
      new RangeReader<>(consumer, source.interactions.name()).read(ranges, Map.of(), record -> {
        if (settings.dataset() != null && !inDataset(events, record.value())) {
          counts[1]++;
          return;
        }
        producer.send(new ProducerRecord<>(target.interactions.name(), record.partition(), record.timestamp(),
            record.key(), record.value(), record.headers()), (metadata, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
              }
            });
        counts[0]++;
        if (failure.get() != null) {
          throw failure.get();
        }
      }, positions -> { });
      producer.flush();
    }
    if (failure.get() != null) {
      throw AnalyticsException.unavailable("copying the range failed: " + failure.get().getMessage(), failure.get());
    }
    return new Copied(ranges, counts[0], counts[1]);
  }

  private boolean inDataset(AvroSerde<InteractionEvent> events, byte[] value) {
    try {
      return value != null && settings.dataset().equals(events.decode(value).getHitDatasetName());
    } catch (SerializationException undecodable) {
      return false;
    }
  }

  private Properties streamsConfig(String applicationId, Path stateDir) {
    Properties p = new Properties();
    p.putAll(kafka.clientProperties());
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) settings.replicationFactor());
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), CaptureTopology.MAX_RECORD_BYTES);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
    return p;
  }

  /** Phase 1: the whole copied range, nothing abandoned by time. Returns the number of pages left open. */
  private long runTopology(Admin admin, String applicationId, Path stateDir) throws Exception {
    Map<TopicPartition, Long> ends;
    try (KafkaConsumer<String, byte[]> probe = new KafkaConsumer<>(kafka.clientProperties(), new StringDeserializer(),
        new ByteArrayDeserializer())) {
      ends = probe.endOffsets(Ranges.partitions(probe, target.interactions.name()), ADMIN_TIMEOUT);
    }
    long total = ends.values().stream().mapToLong(Long::longValue).sum();
    CaptureOptions defaults = CaptureOptions.defaults();
    CaptureOptions options = new CaptureOptions(defaults.imageUpdateInterval(), NEVER, defaults.closedRetention());
    long[] lastReported = {-1};
    run(applicationId, stateDir, options, () -> {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
          .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      long done = 0;
      boolean all = true;
      for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
        OffsetAndMetadata at = committed.get(end.getKey());
        long position = at == null ? 0 : at.offset();
        done += Math.min(position, end.getValue());
        all &= position >= end.getValue();
      }
      if (done != lastReported[0]) {
        progress.printf("replay: %,d of %,d events folded%n", done, total);
        progress.flush();
        lastReported[0] = done;
      }
      return all ? Progress.DONE : new Progress(done);
    });
    return openPages(applicationId);
  }

  /**
   * The pages still open after phase 1: the live keys of the topology's {@code page-state}
   * changelog (committed records only), read once the topology has stopped.
   */
  private long openPages(String applicationId) throws Exception {
    String changelog = applicationId + "-" + CaptureTopology.PAGE_STORE + "-changelog";
    Map<String, Object> props = kafka.clientProperties();
    props.put("isolation.level", "read_committed");
    props.put("enable.auto.commit", "false");
    Set<String> open = new java.util.HashSet<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<PartitionRange> ranges = Ranges.resolve(consumer, changelog, io.byproduct.analytics.kafka.RangeSpec.all());
      new RangeReader<>(consumer, changelog).read(ranges, Map.of(), record -> {
        if (record.value() == null) {
          open.remove(record.key());
        } else {
          open.add(record.key());
        }
      }, positions -> { });
    }
    return open.size();
  }

  /**
   * Phase 2: the same application on the same state with an abandonment time of zero: its first
   * punctuation emits every open page ABANDONED. Done when all of them are committed to the output.
   */
  private void abandonOpenPages(String applicationId, Path stateDir, long open) throws Exception {
    CaptureOptions defaults = CaptureOptions.defaults();
    CaptureOptions options = new CaptureOptions(defaults.imageUpdateInterval(), Duration.ZERO, defaults.closedRetention());
    Map<String, Object> props = kafka.clientProperties();
    props.put("isolation.level", "read_committed");
    props.put("enable.auto.commit", "false");
    AvroSerde<PageRecord> pages = AvroSerde.of(PageRecord.class);
    try (KafkaConsumer<String, byte[]> tail = new KafkaConsumer<>(props, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = Ranges.partitions(tail, target.pages.name());
      tail.assign(partitions);
      tail.seekToEnd(partitions);
      partitions.forEach(tail::position);
      long[] abandoned = {0};
      run(applicationId, stateDir, options, () -> {
        tail.poll(Duration.ofMillis(100)).forEach(record -> {
          if (pages.decode(record.value()).getStatus() == PageStatus.ABANDONED) {
            abandoned[0]++;
          }
        });
        return abandoned[0] >= open ? Progress.DONE : new Progress(abandoned[0]);
      });
    }
  }

  /** How far a phase got; the same value for {@code stallTimeout} is a stall. */
  record Progress(long value) {
    static final Progress DONE = new Progress(Long.MIN_VALUE);
  }

  @FunctionalInterface
  private interface Probe {
    Progress check() throws Exception;
  }

  private void run(String applicationId, Path stateDir, CaptureOptions options, Probe probe) throws Exception {
    AtomicReference<Throwable> failed = new AtomicReference<>();
    KafkaStreams streams = new KafkaStreams(CaptureTopology.build(target, options, false),
        streamsConfig(applicationId, stateDir));
    streams.setUncaughtExceptionHandler(e -> {
      failed.compareAndSet(null, e);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    try {
      streams.start();
      Progress last = null;
      long lastChange = System.nanoTime();
      while (true) {
        KafkaStreams.State state = streams.state();
        if (failed.get() != null || state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
            || state == KafkaStreams.State.PENDING_ERROR) {
          Throwable cause = failed.get();
          throw AnalyticsException.unavailable("the replay's topology stopped: "
              + (cause == null ? state.toString() : cause.toString()), cause);
        }
        if (state == KafkaStreams.State.RUNNING) {
          Progress now = probe.check();
          if (now.equals(Progress.DONE)) {
            return;
          }
          if (!now.equals(last)) {
            last = now;
            lastChange = System.nanoTime();
          }
        }
        if (System.nanoTime() - lastChange > settings.stallTimeout().toNanos()) {
          throw AnalyticsException.unavailable("the replay made no progress for " + settings.stallTimeout().toSeconds()
              + " s (state " + state + ")", null);
        }
        Thread.sleep(250);
      }
    } finally {
      // leave the group at once: the next phase (same application id) need not wait for a session timeout
      streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
          .withTimeout(Duration.ofSeconds(60)));
    }
  }

  private void cleanUp(Admin admin, String applicationId) {
    try {
      List<String> internal = new ArrayList<>();
      for (String name : admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        if (name.startsWith(applicationId + "-")) {
          internal.add(name);
        }
      }
      if (!internal.isEmpty()) {
        admin.deleteTopics(internal).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
      admin.deleteConsumerGroups(List.of(applicationId)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      progress.printf("replay: could not remove the replay's internal topics or group '%s' (%s); remove them by hand%n",
          applicationId, e.getMessage());
    }
  }

  /** Deletes every topic of the replay's prefix (after its output was moved elsewhere). */
  public static void deleteTopics(KafkaOptions kafka, String prefix) throws Exception {
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      List<String> names = Topics.withPrefix(prefix).all().stream().map(t -> t.name()).toList();
      Set<String> existing = admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      List<String> present = names.stream().filter(existing::contains).toList();
      if (!present.isEmpty()) {
        admin.deleteTopics(present).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  /** Reads the replay's pages topic once: {submitted, abandoned}. */
  private long[] countPages() throws Exception {
    long[] counts = new long[2];
    forEachPage(kafka, target, page -> counts[page.getStatus() == PageStatus.SUBMITTED ? 0 : 1]++);
    return counts;
  }

  /** Every committed page of {@code topics.pages}, in offset order per partition. */
  public static void forEachPage(KafkaOptions kafka, Topics topics, Consumer<PageRecord> action) throws Exception {
    Map<String, Object> props = kafka.clientProperties();
    props.put("isolation.level", "read_committed");
    props.put("enable.auto.commit", "false");
    AvroSerde<PageRecord> pages = AvroSerde.of(PageRecord.class);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<PartitionRange> ranges = Ranges.resolve(consumer, topics.pages.name(),
          io.byproduct.analytics.kafka.RangeSpec.all());
      new RangeReader<>(consumer, topics.pages.name()).read(ranges, Map.of(),
          record -> action.accept(pages.decode(record.value())), positions -> { });
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder
    }
  }

}
