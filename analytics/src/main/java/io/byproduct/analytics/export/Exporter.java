package io.byproduct.analytics.export;

import io.byproduct.analytics.AnalyticsException;
import io.byproduct.analytics.kafka.KafkaOptions;
import io.byproduct.analytics.kafka.PartitionRange;
import io.byproduct.analytics.kafka.RangeReader;
import io.byproduct.analytics.kafka.Ranges;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Exports pages, per-image records or raw events from the topics to a file.
 *
 * <p>The source range is fixed when the export starts (the topic's end then, or {@code --to-time}).
 * Selected records are appended to the work file {@code OUT.partial}; every few seconds it is
 * forced to disk and {@code OUT.checkpoint} records the offsets reached. An interrupted export run
 * again with the same settings continues from the checkpoint. Once the range is read, the output
 * is written beside it and renamed to {@code OUT} in one step: {@code OUT} is complete or absent.
 */
public final class Exporter {

  /**
   * What an export did.
   *
   * @param records source records selected (pages or events)
   * @param rows rows written to the output
   */
  public record Result(Path out, long records, long rows, long skipped, boolean resumed) {}

  private static final long CHECKPOINT_MILLIS = 5_000;

  private long checkpointRecords = 20_000;
  private long interruptAfter = Long.MAX_VALUE;
  private boolean allowEmpty;

  private final KafkaOptions kafka;
  private final ExportSettings settings;
  private final PrintWriter progress;
  private final Topics topics;

  public Exporter(KafkaOptions kafka, ExportSettings settings, PrintWriter progress) {
    this.kafka = kafka;
    this.settings = settings;
    this.progress = progress;
    this.topics = Topics.withPrefix(kafka.topicPrefix());
  }

  /** Tests: a checkpoint after every this many records (default 20,000, or every 5 s). */
  Exporter checkpointEvery(long records) {
    this.checkpointRecords = records;
    return this;
  }

  /** Tests: stop as if killed right after the first checkpoint with at least this many records. */
  Exporter interruptAfter(long records) {
    this.interruptAfter = records;
    return this;
  }

  /** Writes the output even when no source record matched (the replay's own files); otherwise that is refused. */
  public Exporter allowEmpty() {
    this.allowEmpty = true;
    return this;
  }

  /** Thrown by {@link #interruptAfter}: the export stopped, its work file and checkpoint left behind. */
  static final class InterruptedExportException extends RuntimeException {
    InterruptedExportException(long records) {
      super("interrupted after " + records + " records");
    }
  }

  public static Path partialOf(Path out) {
    return out.resolveSibling(out.getFileName() + ".partial");
  }

  public static Path checkpointOf(Path out) {
    return out.resolveSibling(out.getFileName() + ".checkpoint");
  }

  public Result run() throws Exception {
    Path out = settings.out().toAbsolutePath();
    Path partial = partialOf(out);
    Path checkpointFile = checkpointOf(out);
    if (Files.exists(out) && !settings.overwrite()) {
      throw AnalyticsException.refused(out + " exists; remove it, choose another --out, or add --overwrite");
    }
    Files.createDirectories(out.getParent());
    String topic = settings.what().fromEvents() ? topics.interactions.name() : topics.pages.name();
    String fingerprint = settings.fingerprint(topic);

    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      Checkpoint checkpoint = existing(checkpointFile, partial, fingerprint);
      boolean resumed = checkpoint != null;
      Spool spool;
      if (resumed) {
        progress.printf("export: resuming %s from its checkpoint: %,d %s selected, %,d of %,d source records read%n",
            out.getFileName(), checkpoint.records(), sourceNoun(), checkpoint.read(), checkpoint.total());
        spool = Spool.resume(partial, SpoolReader.schemaOf(settings.what()), checkpoint.spoolBytes());
      } else {
        List<PartitionRange> ranges = Ranges.resolve(consumer, topic, settings.range());
        Files.deleteIfExists(partial);
        spool = Spool.create(partial, SpoolReader.schemaOf(settings.what()));
        Map<Integer, Long> starts = new HashMap<>();
        ranges.forEach(r -> starts.put(r.partition(), r.start()));
        checkpoint = new Checkpoint(fingerprint, ranges, starts, spool.sync(), 0, 0, Map.of());
        checkpoint.write(checkpointFile);
      }
      Checkpoint finished;
      try (spool) {
        finished = copy(consumer, topic, checkpoint, spool, checkpointFile);
      }
      if (finished.records() == 0 && !allowEmpty) {
        Files.deleteIfExists(partial);
        Files.deleteIfExists(checkpointFile);
        throw new DatasetsSeen(finished.datasets()).nothingMatched(topic, settings.filters());
      }
      Path rendering = out.resolveSibling(out.getFileName() + ".rendering");
      Files.deleteIfExists(rendering);
      long rows = Renderer.render(settings, partial, rendering);
      force(rendering);
      Files.move(rendering, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(partial);
      Files.deleteIfExists(checkpointFile);
      progress.printf("export: wrote %s: %,d rows (%s) from %,d %s%s%n", out, rows, tableName(), finished.records(),
          sourceNoun(), finished.skipped() > 0 ? " (" + finished.skipped() + " undecodable source records skipped)" : "");
      progress.flush();
      return new Result(out, finished.records(), rows, finished.skipped(), resumed);
    }
  }

  /** What the rows are: the table's name, or the shape of a nested or mousetrap export. */
  private String tableName() {
    if (settings.format() == Format.MOUSETRAP_CSV) {
      return "mousetrap positions";
    }
    return (settings.nested() ? "nested " : "") + settings.what().label();
  }

  private String sourceNoun() {
    return settings.what().fromEvents() ? "events" : "pages";
  }

  /** The checkpoint to resume from, or null to start afresh (stale files removed). */
  private Checkpoint existing(Path checkpointFile, Path partial, String fingerprint) throws IOException {
    if (!Files.exists(checkpointFile)) {
      Files.deleteIfExists(partial);
      return null;
    }
    Checkpoint checkpoint = Checkpoint.read(checkpointFile);
    if (settings.restart() || !Files.exists(partial)) {
      Files.deleteIfExists(partial);
      Files.delete(checkpointFile);
      return null;
    }
    if (!checkpoint.fingerprint().equals(fingerprint)) {
      throw AnalyticsException.refused("an interrupted export with other settings is at " + checkpointFile
          + " (" + checkpoint.fingerprint() + "); run it again with those settings to finish it, or add --restart"
          + " to discard it");
    }
    return checkpoint;
  }

  private Checkpoint copy(KafkaConsumer<String, byte[]> consumer, String topic, Checkpoint start, Spool spool,
      Path checkpointFile) throws Exception {
    SourceRecords source = new SourceRecords();
    long[] counts = {start.records(), start.skipped()};
    DatasetsSeen datasets = new DatasetsSeen(start.datasets());
    long[] lastCheckpoint = {System.currentTimeMillis(), start.records()};
    long[] nextProgress = {(start.records() / settings.progressEvery() + 1) * settings.progressEvery()};
    Checkpoint[] latest = {start};
    RangeReader<String, byte[]> reader = new RangeReader<>(consumer, topic);
    reader.read(start.ranges(), start.positions(), (ConsumerRecord<String, byte[]> record) -> {
      if (record.value() == null || !settings.range().containsTime(record.timestamp())) {
        return;
      }
      try {
        if (settings.what().fromEvents()) {
          for (InteractionEvent e : source.events(record.value())) {  // a batch unfolded, or one event
            datasets.add(e.getHitDatasetName());
            if (settings.filters().matches(e.getHitDatasetName(), e.getImageNetHitId(), e.getAnnotationId())) {
              spool.append(e);
              counts[0]++;
            }
          }
        } else {
          PageRecord p = source.page(record.value());
          datasets.add(p.getHitDatasetName());
          if (settings.filters().matches(p.getHitDatasetName(), p.getImageNetHitId(), p.getAnnotationId())) {
            spool.append(p);
            counts[0]++;
          }
        }
      } catch (SerializationException undecodable) {
        counts[1]++;
      }
    }, positions -> {
      long now = System.currentTimeMillis();
      Checkpoint reached = new Checkpoint(start.fingerprint(), start.ranges(), positions, latest[0].spoolBytes(),
          counts[0], counts[1], datasets.counts());
      boolean done = reached.complete();
      if (done || now - lastCheckpoint[0] >= CHECKPOINT_MILLIS || counts[0] - lastCheckpoint[1] >= checkpointRecords) {
        reached = new Checkpoint(start.fingerprint(), start.ranges(), positions, spool.sync(), counts[0], counts[1],
            datasets.counts());
        reached.write(checkpointFile);
        lastCheckpoint[0] = now;
        lastCheckpoint[1] = counts[0];
        latest[0] = reached;
        if (counts[0] >= interruptAfter && !done) {
          throw new InterruptedExportException(counts[0]);
        }
      }
      if (counts[0] >= nextProgress[0] || done) {
        long total = reached.total();
        progress.printf("export: %,d %s selected, %,d of %,d source records read (%d%%)%n", counts[0], sourceNoun(),
            reached.read(), total, total == 0 ? 100 : reached.read() * 100 / total);
        progress.flush();
        nextProgress[0] = (counts[0] / settings.progressEvery() + 1) * settings.progressEvery();
      }
    });
    if (!latest[0].complete()) {
      // an empty range: nothing was polled
      Checkpoint reached = new Checkpoint(start.fingerprint(), start.ranges(), endPositions(start), spool.sync(),
          counts[0], counts[1], datasets.counts());
      reached.write(checkpointFile);
      latest[0] = reached;
    }
    return latest[0];
  }

  private static Map<Integer, Long> endPositions(Checkpoint checkpoint) {
    Map<Integer, Long> ends = new HashMap<>();
    checkpoint.ranges().forEach(r -> ends.put(r.partition(), r.end()));
    return ends;
  }

  private KafkaConsumer<String, byte[]> consumer() {
    Map<String, Object> props = kafka.clientProperties();
    props.put("isolation.level", "read_committed");
    props.put("enable.auto.commit", "false");
    props.put("client.id", "byproduct-analytics-export");
    props.put("max.poll.records", "500");
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static void force(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }
}
