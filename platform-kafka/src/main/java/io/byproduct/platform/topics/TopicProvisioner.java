package io.byproduct.platform.topics;

import io.byproduct.platform.config.TopicsProperties;
import io.byproduct.platform.startup.InfrastructureException;
import io.byproduct.platform.startup.Provisioner;
import io.byproduct.schemas.topics.Topic;
import io.byproduct.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates missing topics from the {@link Topics} registry with their partition counts and
 * retention, or checks that they exist. The raw interactions, pages and annotations are kept
 * forever: they are the source analysts replay.
 */
public final class TopicProvisioner implements Provisioner {

  /** Largest record on the pages and images topics (a long page of 60 Hz tracking). */
  public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

  private final Admin admin;
  private final Topics topics;
  private final TopicsProperties properties;
  private final String bootstrapServers;
  private final Duration timeout;

  public TopicProvisioner(Admin admin, Topics topics, TopicsProperties properties,
      String bootstrapServers, Duration timeout) {
    this.admin = admin;
    this.topics = topics;
    this.properties = properties;
    this.bootstrapServers = bootstrapServers;
    this.timeout = timeout;
  }

  /** The topic as it is created: partitions, replication and configuration. */
  public NewTopic definition(Topic<?, ?> topic) {
    String base = topic.name().substring(topics.prefix().length());
    NewTopic newTopic = new NewTopic(topic.name(), properties.partitionsOf(base), properties.replicationFactor());
    Map<String, String> config = switch (base) {
      // the sources of truth: kept forever for replays; a page the original front end PUTs is one
      // interactions record (PageRecorded) of up to a few MB
      case "interactions" -> Map.of("retention.ms", "-1", "retention.bytes", "-1",
          "max.message.bytes", String.valueOf(MAX_RECORD_BYTES));
      case "sandbox-annotations" -> Map.of("retention.ms", "-1", "retention.bytes", "-1");
      // a page holds every tracked point of up to 48 images: allow large records
      case "pages" -> Map.of("retention.ms", "-1", "retention.bytes", "-1",
          "max.message.bytes", String.valueOf(MAX_RECORD_BYTES));
      case "annotations" -> Map.of("cleanup.policy", "compact");
      // the HITs' classes and controls, and the latest quality scores: one record per key matters
      case "hit-reviews", "quality-images", "quality-workers", "quality-assignments" ->
          Map.of("cleanup.policy", "compact");
      case "images" -> Map.of("retention.ms", String.valueOf(Duration.ofDays(7).toMillis()),
          "max.message.bytes", String.valueOf(MAX_RECORD_BYTES));
      default -> Map.of("retention.ms", String.valueOf(Duration.ofDays(30).toMillis()));
    };
    if (properties.replicationFactor() > 1) {
      config = new java.util.HashMap<>(config);
      config.put("min.insync.replicas", String.valueOf(Math.min(2, properties.replicationFactor())));
    }
    return newTopic.configs(config);
  }

  /** Creates each topic that does not exist yet; returns the names it created. */
  @Override
  public List<String> createMissing() {
    Set<String> existing = existingTopics();
    List<NewTopic> missing = new ArrayList<>();
    for (Topic<?, ?> topic : topics.all()) {
      if (!existing.contains(topic.name())) {
        missing.add(definition(topic));
      }
    }
    if (missing.isEmpty()) {
      return List.of();
    }
    List<String> created = new ArrayList<>();
    admin.createTopics(missing).values().forEach((name, future) -> {
      try {
        future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        created.add(name);
        log.info("Created topic {}", name);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw unusable("cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
        }
      } catch (TimeoutException e) {
        throw unreachable(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw unreachable(e);
      }
    });
    awaitLeaders(created);
    return created;
  }

  /**
   * Waits until every partition of the new topics has a leader. Producing to a partition before it
   * has one can wedge an idempotent producer (NOT_LEADER_OR_FOLLOWER, then OUT_OF_ORDER_SEQUENCE_NUMBER
   * until its batches expire), as seen on a loaded single-broker cluster.
   */
  private void awaitLeaders(List<String> topics) {
    if (topics.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        boolean ready = admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .values().stream()
            .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        if (ready) {
          return;
        }
      } catch (ExecutionException notYetKnown) {
        // the new topics are not in the metadata yet
      } catch (TimeoutException e) {
        throw unreachable(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw unreachable(e);
      }
      if (System.nanoTime() > deadline) {
        throw unusable("new topics " + topics + " have partitions without a leader after "
            + timeout.toSeconds() + " s", null);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw unreachable(e);
      }
    }
  }

  /** Fails with a message naming the first missing topic. */
  @Override
  public void verify() {
    Set<String> existing = existingTopics();
    for (Topic<?, ?> topic : topics.all()) {
      if (!existing.contains(topic.name())) {
        throw new InfrastructureException("byproduct.topics.prefix", topics.prefix(),
            "Kafka topic '" + topic.name() + "' does not exist at " + bootstrapServers,
            "Create it (run the service once with byproduct.provisioning.create-missing=true, which uses the"
                + " same definitions), or fix byproduct.topics.prefix.");
      }
    }
  }

  /** Fails with a message naming byproduct.kafka.bootstrap-servers if the cluster cannot be reached. */
  public Set<String> existingTopics() {
    try {
      return admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw unreachable(e);     // the admin client gave up on reaching any broker first
      }
      throw unusable(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(e);
    }
  }

  private InfrastructureException unreachable(Exception e) {
    return new InfrastructureException("byproduct.kafka.bootstrap-servers", bootstrapServers,
        "Kafka did not answer within " + timeout.toSeconds() + " s at " + bootstrapServers,
        "Start the broker, or fix byproduct.kafka.bootstrap-servers (and byproduct.kafka.properties.*"
            + " for TLS/SASL); byproduct.kafka.startup-timeout sets how long to wait.", e);
  }

  private InfrastructureException unusable(String problem, Throwable cause) {
    return new InfrastructureException("byproduct.kafka.bootstrap-servers", bootstrapServers,
        "Kafka at " + bootstrapServers + " refused: " + problem,
        "Check the broker and this service's permissions (byproduct.kafka.properties.*).", cause);
  }
}
