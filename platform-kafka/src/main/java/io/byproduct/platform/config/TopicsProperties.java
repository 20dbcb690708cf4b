package io.byproduct.platform.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The topics: a name prefix shared by all of them, and how they are created when missing.
 *
 * @param prefix prepended to every topic name (letters, digits, '.', '_', '-')
 * @param partitions partitions of each topic (scale-out unit: events are keyed by annotation id)
 * @param partitionsByTopic per-topic override of {@code partitions}, by unprefixed name
 * @param replicationFactor replicas of each topic; 1 locally, 3 on a real cluster
 */
@Validated
@ConfigurationProperties("byproduct.topics")
public record TopicsProperties(
    @DefaultValue("") @Pattern(regexp = "[a-zA-Z0-9._-]*", message = "may hold only letters, digits, '.', '_' and '-'") String prefix,
    @DefaultValue("6") @Min(1) @Max(10_000) int partitions,
    @DefaultValue Map<String, Integer> partitionsByTopic,
    @DefaultValue("1") @Min(1) @Max(10) short replicationFactor) {

  public int partitionsOf(String unprefixedName) {
    return partitionsByTopic.getOrDefault(unprefixedName, partitions);
  }
}
