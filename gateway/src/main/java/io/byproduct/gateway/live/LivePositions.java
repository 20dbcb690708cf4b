package io.byproduct.gateway.live;

import io.byproduct.schemas.json.RecordJson;
import io.byproduct.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a subscriber's consumer starts: every partition of the selected topics assigned (no
 * group), positioned at the end, the beginning, or the first record at or after {@code from}
 * (the end where there is none), and the positions fixed before {@code subscribed} is sent.
 */
final class LivePositions {

  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);

  private LivePositions() {}

  /** Assigns and positions the consumer; @return the partitions assigned */
  static List<TopicPartition> assign(Consumer<String, byte[]> consumer, LiveFilter filter, Topics topics) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (LiveFilter.Stream stream : filter.streams()) {
      String topic = topicOf(stream, topics);
      List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
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
      Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, METADATA_TIMEOUT);
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
    partitions.forEach(tp -> consumer.position(tp, METADATA_TIMEOUT));  // fixed now: "subscribed" means live
    return partitions;
  }

  private static String topicOf(LiveFilter.Stream stream, Topics topics) {
    return switch (stream) {
      case EVENTS -> topics.interactions.name();
      case IMAGES -> topics.images.name();
      case PAGES -> topics.pages.name();
    };
  }

  /** The {@code subscribed} message: the streams, how many partitions, and where it started. */
  static LiveMessage subscribed(LiveFilter filter, List<TopicPartition> partitions) {
    var node = RecordJson.MAPPER.createObjectNode();
    var streams = node.putArray("streams");
    filter.streams().forEach(s -> streams.add(s.name().toLowerCase()));
    node.put("partitions", partitions.size());
    node.put("from", filter.from().earliest() ? "earliest" : filter.from().time() != null
        ? String.valueOf(filter.from().time()) : "latest");
    return new LiveMessage("subscribed", null, 0, node.toString());
  }
}
