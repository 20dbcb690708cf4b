package io.byproduct.analytics.kafka;

import io.byproduct.analytics.AnalyticsException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Turns a {@link RangeSpec} into offsets, partition by partition, as the topic stands now. */
public final class Ranges {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Ranges() {}

  /**
   * The offsets of every partition of {@code topic} inside the spec: from the latest of the
   * partition's first offset, {@code fromOffset} and the first offset at or after {@code fromTime};
   * to the earliest of the partition's end (for a {@code read_committed} consumer: the last stable
   * offset), {@code toOffset} and the first offset at or after {@code toTime}.
   */
  public static List<PartitionRange> resolve(Consumer<?, ?> consumer, String topic, RangeSpec spec) {
    List<TopicPartition> partitions = partitions(consumer, topic);
    Map<TopicPartition, Long> first = consumer.beginningOffsets(partitions, TIMEOUT);
    Map<TopicPartition, Long> last = consumer.endOffsets(partitions, TIMEOUT);
    Map<TopicPartition, OffsetAndTimestamp> fromTime = spec.fromTime() == null ? Map.of()
        : consumer.offsetsForTimes(times(partitions, spec.fromTime().toEpochMilli()), TIMEOUT);
    Map<TopicPartition, OffsetAndTimestamp> toTime = spec.toTime() == null ? Map.of()
        : consumer.offsetsForTimes(times(partitions, spec.toTime().toEpochMilli()), TIMEOUT);
    List<PartitionRange> ranges = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      long end = last.get(tp);
      long start = first.get(tp);
      if (spec.fromOffset() != null && spec.fromOffset().forPartition(tp.partition()) != null) {
        start = Math.max(start, spec.fromOffset().forPartition(tp.partition()));
      }
      if (spec.fromTime() != null) {
        OffsetAndTimestamp at = fromTime.get(tp);
        start = Math.max(start, at == null ? end : at.offset());
      }
      if (spec.toOffset() != null && spec.toOffset().forPartition(tp.partition()) != null) {
        end = Math.min(end, spec.toOffset().forPartition(tp.partition()));
      }
      if (spec.toTime() != null) {
        OffsetAndTimestamp at = toTime.get(tp);
        if (at != null) {
          end = Math.min(end, at.offset());
        }
      }
      ranges.add(new PartitionRange(tp.partition(), start, Math.max(start, end)));
    }
    return ranges;
  }

  /** The topic's partitions, in order; fails with a clear message if the topic does not exist. */
  public static List<TopicPartition> partitions(Consumer<?, ?> consumer, String topic) {
    List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(topic, TIMEOUT);
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw AnalyticsException.unavailable("Kafka did not answer within " + TIMEOUT.toSeconds()
          + " s (check --bootstrap-servers): " + e.getMessage(), e);
    }
    if (infos == null || infos.isEmpty()) {
      throw AnalyticsException.refused("topic '" + topic + "' does not exist (check --topic-prefix)");
    }
    return infos.stream().map(i -> new TopicPartition(topic, i.partition()))
        .sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
  }

  private static Map<TopicPartition, Long> times(List<TopicPartition> partitions, long time) {
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, time));
    return query;
  }
}
