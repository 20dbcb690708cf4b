package io.byproduct.platform;

import io.byproduct.platform.catalog.Catalog;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.config.ProvisioningProperties;
import io.byproduct.platform.health.DynamoHealthIndicator;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.quality.QualityReader;
import io.byproduct.platform.startup.StartupCheck;
import io.byproduct.platform.tables.TableProvisioner;
import io.byproduct.platform.tables.Tables;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB part of the platform, only in services that have platform-dynamo on their class
 * path (the gateway, the page assembler; not the stream processor): the DynamoDB client, the table
 * definitions, the HIT store and catalog, the start-up check (and creation, where asked) of the
 * tables, and a health indicator.
 */
@AutoConfiguration
@ConditionalOnClass(DynamoDbClient.class)
@EnableConfigurationProperties({DynamoProperties.class, ProvisioningProperties.class})
public class DynamoPlatformAutoConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
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
  QualityReader qualityReader(DynamoDbClient dynamo, Tables tables) {
    return new QualityReader(dynamo, tables);
  }

  @Bean
  TableProvisioner tableProvisioner(DynamoDbClient dynamo, Tables tables, DynamoProperties properties) {
    return new TableProvisioner(dynamo, tables, DynamoClients.describe(properties));
  }

  @Bean
  StartupCheck tablesStartupCheck(ProvisioningProperties provisioning, TableProvisioner tables) {
    return new StartupCheck(provisioning, tables, "DynamoDB tables");
  }

  @Bean
  DynamoHealthIndicator dynamoHealthIndicator(DynamoDbClient dynamo, Tables tables) {
    return new DynamoHealthIndicator(dynamo, tables);
  }
}
