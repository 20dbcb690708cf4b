package io.byproduct.platform.config;

import io.byproduct.platform.startup.KafkaConfigurationCheck;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How every service reaches Kafka.
 *
 * @param bootstrapServers host:port list of the brokers
 * @param properties extra client properties for every producer, consumer and admin client
 *     (e.g. {@code security.protocol}, {@code sasl.mechanism}); secrets come from the
 *     environment, never from git
 * @param startupTimeout how long a service waits for the cluster at start before it fails
 */
@Validated
@ConfigurationProperties("byproduct.kafka")
public record KafkaProperties(
    @NotBlank(message = "must name the Kafka brokers, e.g. localhost:9092") String bootstrapServers,
    @DefaultValue Map<String, String> properties,
    @NotNull @DefaultValue("15s") Duration startupTimeout) {

  /** Every client's settings: {@code properties} plus the brokers, checked ({@link KafkaConfigurationCheck}). */
  public Map<String, Object> clientProperties() {
    KafkaConfigurationCheck.checkKafka(properties);
    Map<String, Object> props = new java.util.HashMap<>(properties);
    props.put("bootstrap.servers", bootstrapServers);
    return props;
  }
}
