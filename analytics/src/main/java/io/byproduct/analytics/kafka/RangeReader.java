package io.byproduct.analytics.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads fixed offset ranges of a topic with an assigned consumer (no consumer group), in offset
 * order per partition, and stops when every partition has reached its end.
 */
public final class RangeReader<K, V> {

  /** Called for every record inside the ranges, in offset order per partition. */
  @FunctionalInterface
  public interface Handler<K, V> {
    void accept(ConsumerRecord<K, V> record) throws Exception;
  }

  /** Called after each poll with the position reached on every partition (next offset to read). */
  @FunctionalInterface
  public interface Progress {
    void reached(Map<Integer, Long> positions) throws Exception;
  }

  private final Consumer<K, V> consumer;
  private final String topic;

  public RangeReader(Consumer<K, V> consumer, String topic) {
    this.consumer = consumer;
    this.topic = topic;
  }

  /**
   * @param ranges the ranges to read
   * @param from where to start in each partition (a resumed read); the range's start if absent
   */
  public void read(List<PartitionRange> ranges, Map<Integer, Long> from, Handler<K, V> handler, Progress progress)
      throws Exception {
    Map<TopicPartition, Long> ends = new HashMap<>();
    Map<Integer, Long> positions = new HashMap<>();
    List<TopicPartition> open = new ArrayList<>();
    for (PartitionRange range : ranges) {
      long start = Math.max(range.start(), from.getOrDefault(range.partition(), range.start()));
      positions.put(range.partition(), Math.min(start, range.end()));
      if (start < range.end()) {
        TopicPartition tp = new TopicPartition(topic, range.partition());
        open.add(tp);
        ends.put(tp, range.end());
      }
    }
    consumer.assign(open);
    for (TopicPartition tp : open) {
      consumer.seek(tp, positions.get(tp.partition()));
    }
    while (!open.isEmpty()) {
      ConsumerRecords<K, V> records = consumer.poll(Duration.ofMillis(500));
      for (TopicPartition tp : records.partitions()) {
        long end = ends.get(tp);
        for (ConsumerRecord<K, V> record : records.records(tp)) {
          if (record.offset() >= end) {
            break;
          }
          handler.accept(record);
        }
      }
      List<TopicPartition> done = new ArrayList<>();
      for (TopicPartition tp : open) {
        long position = Math.min(consumer.position(tp), ends.get(tp));
        positions.put(tp.partition(), position);
        if (position >= ends.get(tp)) {
          done.add(tp);
        }
      }
      if (!done.isEmpty()) {
        open.removeAll(done);
        consumer.pause(done);
      }
      progress.reached(Map.copyOf(positions));
    }
  }
}
