package io.byproduct.analytics.replay;

import io.byproduct.analytics.AnalyticsException;
import io.byproduct.analytics.kafka.KafkaOptions;
import io.byproduct.analytics.kafka.PartitionRange;
import io.byproduct.analytics.kafka.RangeReader;
import io.byproduct.analytics.kafka.RangeSpec;
import io.byproduct.analytics.kafka.Ranges;
import io.byproduct.platform.config.TopicsProperties;
import io.byproduct.platform.topics.TopicProvisioner;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.serde.AvroSerde;
import io.byproduct.schemas.topics.Topics;
import io.byproduct.streamprocessor.topology.CaptureTopology;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The topics of a replay: its new output topics made (refused if they exist), the pages still open
 * (read from the topology's changelog), its internal topics and group removed afterwards; and, for
 * callers, reading and deleting a replay's pages.
 */
public final class ReplayTopics {

  static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private ReplayTopics() {}

  /**
   * Makes the replay's topics under {@code target}'s prefix with as many partitions as the source's
   * {@code interactions}; refuses a prefix whose topics exist or a source that does not.
   */
  static void create(Admin admin, KafkaOptions kafka, ReplaySettings settings, Topics source, Topics target)
      throws Exception {
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
  }

  /**
   * The pages still open after a run: the live keys of the topology's {@code page-state}
   * changelog (committed records only), read once the topology has stopped.
   */
  static long openPages(KafkaOptions kafka, String applicationId) throws Exception {
    String changelog = applicationId + "-" + CaptureTopology.PAGE_STORE + "-changelog";
    Set<String> open = new HashSet<>();
    try (KafkaConsumer<String, byte[]> consumer = committedReader(kafka)) {
      List<PartitionRange> ranges = Ranges.resolve(consumer, changelog, RangeSpec.all());
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

  /** Removes the replay's internal topics and consumer group; says so if it cannot. */
  static void removeInternal(Admin admin, String applicationId, PrintWriter progress) {
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

  /** Every committed page of {@code topics.pages}, in offset order per partition. */
  public static void forEachPage(KafkaOptions kafka, Topics topics, Consumer<PageRecord> action) throws Exception {
    AvroSerde<PageRecord> pages = AvroSerde.of(PageRecord.class);
    try (KafkaConsumer<String, byte[]> consumer = committedReader(kafka)) {
      List<PartitionRange> ranges = Ranges.resolve(consumer, topics.pages.name(), RangeSpec.all());
      new RangeReader<>(consumer, topics.pages.name()).read(ranges, Map.of(),
          record -> action.accept(pages.decode(record.value())), positions -> { });
    }
  }

  /** A consumer of committed records only, with no group commits. */
  static KafkaConsumer<String, byte[]> committedReader(KafkaOptions kafka) {
    Map<String, Object> props = kafka.clientProperties();
    props.put("isolation.level", "read_committed");
    props.put("enable.auto.commit", "false");
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
