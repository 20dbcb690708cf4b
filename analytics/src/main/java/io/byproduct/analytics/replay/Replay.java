package io.byproduct.analytics.replay;

import io.byproduct.analytics.AnalyticsException;
import io.byproduct.analytics.kafka.KafkaOptions;
import io.byproduct.analytics.kafka.PartitionRange;
import io.byproduct.analytics.kafka.Ranges;
import io.byproduct.analytics.replay.TopologyRun.Progress;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

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
 * <p>The steps are {@link ReplayTopics} (making and removing topics), {@link RangeCopy} (step 1)
 * and {@link TopologyRun} (running the topology until a phase is done); this class orders them.
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

  private static final Duration ADMIN_TIMEOUT = ReplayTopics.ADMIN_TIMEOUT;

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
      ReplayTopics.create(admin, kafka, settings, source, target);

      RangeCopy.Copied copied = new RangeCopy(kafka, settings).copy(source, target);
      progress.printf("replay: copied %,d records of %s %s into %s%s%n", copied.events(), source.interactions.name(),
          copied.ranges(), target.interactions.name(),
          copied.leftOut() > 0 ? " (" + copied.leftOut() + " of other datasets or undecodable left out)" : "");
      progress.flush();

      String applicationId = settings.targetPrefix() + "replay-" + UUID.randomUUID().toString().substring(0, 8);
      Path stateDir = Files.createTempDirectory("byproduct-replay-");
      try {
        TopologyRun topology = new TopologyRun(kafka, settings, target, applicationId, stateDir);
        long open = foldRange(admin, topology);
        if (open > 0 && settings.openPages() == ReplaySettings.OpenPages.ABANDON) {
          progress.printf("replay: %,d pages were still open at the end of the range: emitting them ABANDONED%n", open);
          progress.flush();
          abandonOpenPages(topology, open);
        } else if (open > 0) {
          progress.printf("replay: %,d pages were still open at the end of the range: left out%n", open);
        }
      } finally {
        ReplayTopics.removeInternal(admin, applicationId, progress);
        deleteQuietly(stateDir);
      }
      long[] pages = countPages();
      progress.printf("replay: done: %s holds %,d submitted and %,d abandoned pages%n", target.pages.name(), pages[0],
          pages[1]);
      progress.flush();
      return new Result(settings.targetPrefix(), copied.ranges(), copied.events(), copied.leftOut(), pages[0], pages[1]);
    }
  }

  /** Phase 1: the whole copied range, nothing abandoned by time. Returns the number of pages left open. */
  private long foldRange(Admin admin, TopologyRun topology) throws Exception {
    Map<TopicPartition, Long> ends;
    try (KafkaConsumer<String, byte[]> probe = new KafkaConsumer<>(kafka.clientProperties(), new StringDeserializer(),
        new ByteArrayDeserializer())) {
      ends = probe.endOffsets(Ranges.partitions(probe, target.interactions.name()), ADMIN_TIMEOUT);
    }
    long total = ends.values().stream().mapToLong(Long::longValue).sum();
    CaptureOptions defaults = CaptureOptions.defaults();
    CaptureOptions options = new CaptureOptions(defaults.imageUpdateInterval(), NEVER, defaults.closedRetention());
    long[] lastReported = {-1};
    topology.until(options, () -> {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(topology.applicationId())
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
    return ReplayTopics.openPages(kafka, topology.applicationId());
  }

  /**
   * Phase 2: the same application on the same state with an abandonment time of zero: its first
   * punctuation emits every open page ABANDONED. Done when all of them are committed to the output.
   */
  private void abandonOpenPages(TopologyRun topology, long open) throws Exception {
    CaptureOptions defaults = CaptureOptions.defaults();
    CaptureOptions options = new CaptureOptions(defaults.imageUpdateInterval(), Duration.ZERO, defaults.closedRetention());
    AvroSerde<PageRecord> pages = AvroSerde.of(PageRecord.class);
    try (KafkaConsumer<String, byte[]> tail = ReplayTopics.committedReader(kafka)) {
      List<TopicPartition> partitions = Ranges.partitions(tail, target.pages.name());
      tail.assign(partitions);
      tail.seekToEnd(partitions);
      partitions.forEach(tail::position);
      long[] abandoned = {0};
      topology.until(options, () -> {
        tail.poll(Duration.ofMillis(100)).forEach(record -> {
          if (pages.decode(record.value()).getStatus() == PageStatus.ABANDONED) {
            abandoned[0]++;
          }
        });
        return abandoned[0] >= open ? Progress.DONE : new Progress(abandoned[0]);
      });
    }
  }

  /** Reads the replay's pages topic once: {submitted, abandoned}. */
  private long[] countPages() throws Exception {
    long[] counts = new long[2];
    ReplayTopics.forEachPage(kafka, target, page -> counts[page.getStatus() == PageStatus.SUBMITTED ? 0 : 1]++);
    return counts;
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder
    }
  }
}
