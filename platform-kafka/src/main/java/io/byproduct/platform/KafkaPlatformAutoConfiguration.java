package io.byproduct.platform;

import io.byproduct.platform.config.KafkaProperties;
import io.byproduct.platform.config.ProvisioningProperties;
import io.byproduct.platform.config.TopicsProperties;
import io.byproduct.platform.health.KafkaHealthIndicator;
import io.byproduct.platform.startup.StartupCheck;
import io.byproduct.platform.topics.TopicProvisioner;
import io.byproduct.schemas.topics.Topics;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The Kafka part of the platform, in every service that has platform-kafka on its class path (the
 * gateway, the stream processor, the page assembler): the topic registry, a Kafka admin client, the
 * start-up check (and creation, where asked) of the topics, and a health indicator. Nothing here
 * touches DynamoDB: that is {@code DynamoPlatformAutoConfiguration} in platform-dynamo.
 */
@AutoConfiguration
@ConditionalOnClass(Admin.class)
@EnableConfigurationProperties({KafkaProperties.class, TopicsProperties.class, ProvisioningProperties.class})
public class KafkaPlatformAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Topics topics(TopicsProperties properties) {
    return Topics.withPrefix(properties.prefix());
  }

  /** Not named {@code kafkaAdmin}: that is spring-kafka's {@code KafkaAdmin} bean, where it is used. */
  @Bean(destroyMethod = "close")
  Admin byproductKafkaAdmin(KafkaProperties kafka) {
    Map<String, Object> props = kafka.clientProperties();
    int timeoutMs = (int) Math.max(1000, kafka.startupTimeout().toMillis());
    props.putIfAbsent("default.api.timeout.ms", timeoutMs);
    props.putIfAbsent("request.timeout.ms", Math.min(timeoutMs, 30_000));
    props.putIfAbsent("client.id", "byproduct-admin");
    return Admin.create(props);
  }

  @Bean
  TopicProvisioner topicProvisioner(Admin admin, Topics topics, TopicsProperties properties, KafkaProperties kafka) {
    return new TopicProvisioner(admin, topics, properties, kafka.bootstrapServers(), kafka.startupTimeout());
  }

  @Bean
  StartupCheck topicsStartupCheck(ProvisioningProperties provisioning, TopicProvisioner topics) {
    return new StartupCheck(provisioning, topics, "Kafka topics");
  }

  @Bean
  KafkaHealthIndicator kafkaHealthIndicator(Admin admin, KafkaProperties kafka) {
    return new KafkaHealthIndicator(admin, kafka.bootstrapServers());
  }
}
