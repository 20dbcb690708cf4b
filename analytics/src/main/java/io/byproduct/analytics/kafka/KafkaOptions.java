package io.byproduct.analytics.kafka;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** How the commands reach Kafka, and the prefix of the topics they read (a picocli mixin). */
public final class KafkaOptions {

  @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,...]",
      description = "The Kafka brokers.")
  String bootstrapServers;

  @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
      description = "An extra Kafka client property for every client (TLS, SASL, ...); repeatable.")
  Map<String, String> properties = new LinkedHashMap<>();

  @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "",
      description = "Prefix of the topics read (the system's byproduct.topics.prefix). Default: none.")
  String topicPrefix = "";

  @Option(names = "--verbose", description = "Show the Kafka clients' own log (info and warnings); off by default,"
      + " errors are reported by the command itself.")
  boolean verbose;

  public KafkaOptions() {}

  public KafkaOptions(String bootstrapServers, String topicPrefix) {
    this.bootstrapServers = bootstrapServers;
    this.topicPrefix = topicPrefix;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String topicPrefix() {
    return topicPrefix == null ? "" : topicPrefix;
  }

  /** The same brokers and client properties, another topic prefix. */
  public KafkaOptions withTopicPrefix(String prefix) {
    KafkaOptions copy = new KafkaOptions(bootstrapServers, prefix);
    copy.properties = new LinkedHashMap<>(properties);
    return copy;
  }

  /** A fresh, mutable map of the common client properties. */
  public Map<String, Object> clientProperties() {
    Map<String, Object> props = new HashMap<>(properties);
    props.put("bootstrap.servers", bootstrapServers);
    return props;
  }
}
