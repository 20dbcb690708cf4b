package io.byproduct.platform;

import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.config.KafkaProperties;
import io.byproduct.platform.config.ProvisioningProperties;
import io.byproduct.platform.config.TopicsProperties;
import io.byproduct.platform.health.DynamoHealthIndicator;
import io.byproduct.platform.health.KafkaHealthIndicator;
import io.byproduct.platform.catalog.Catalog;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.startup.InfrastructureCheck;
import io.byproduct.platform.tables.TableProvisioner;
import io.byproduct.platform.tables.Tables;
import io.byproduct.platform.topics.TopicProvisioner;
import io.byproduct.schemas.topics.Topics;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Wires what every Byproduct service shares: the topic registry, a Kafka admin client, the
 * DynamoDB client and table definitions, the start-up check (and creation, where asked) of topics
 * and tables, and health indicators for Kafka and DynamoDB.
 */
@AutoConfiguration
@EnableConfigurationProperties({
    KafkaProperties.class, TopicsProperties.class, DynamoProperties.class, ProvisioningProperties.class})
public class PlatformAutoConfiguration {

  @Bean
  Topics topics(TopicsProperties properties) {
    return Topics.withPrefix(properties.prefix());
  }

  @Bean(destroyMethod = "close")
  Admin kafkaAdmin(KafkaProperties kafka) {
    Map<String, Object> props = kafka.clientProperties();
    int timeoutMs = (int) Math.max(1000, kafka.startupTimeout().toMillis());
    props.putIfAbsent("default.api.timeout.ms", timeoutMs);
    props.putIfAbsent("request.timeout.ms", Math.min(timeoutMs, 30_000));
    props.putIfAbsent("client.id", "byproduct-admin");
    return Admin.create(props);
  }

  @Bean(destroyMethod = "close")
  DynamoDbClient dynamoDbClient(DynamoProperties properties) {
    return DynamoClients.create(properties);
  }

  @Bean
  Tables tables(DynamoProperties properties) {
    return new Tables(properties.tables());
  }

  @Bean
  HitStore hitStore(DynamoDbClient dynamo, Tables tables) {
    return new HitStore(dynamo, tables);
  }

  @Bean
  Catalog catalog(DynamoDbClient dynamo, Tables tables) {
    return new Catalog(dynamo, tables);
  }

  @Bean
  TopicProvisioner topicProvisioner(Admin admin, Topics topics, TopicsProperties properties, KafkaProperties kafka) {
    return new TopicProvisioner(admin, topics, properties, kafka.bootstrapServers(), kafka.startupTimeout());
  }

  @Bean
  TableProvisioner tableProvisioner(DynamoDbClient dynamo, Tables tables, DynamoProperties properties) {
    return new TableProvisioner(dynamo, tables, DynamoClients.describe(properties));
  }

  @Bean
  InfrastructureCheck infrastructureCheck(ProvisioningProperties provisioning, TopicProvisioner topics,
      TableProvisioner tables) {
    return new InfrastructureCheck(provisioning, topics, tables);
  }

  @Bean
  KafkaHealthIndicator kafkaHealthIndicator(Admin admin, KafkaProperties kafka) {
    return new KafkaHealthIndicator(admin, kafka.bootstrapServers());
  }

  @Bean
  DynamoHealthIndicator dynamoHealthIndicator(DynamoDbClient dynamo, Tables tables) {
    return new DynamoHealthIndicator(dynamo, tables);
  }
}
