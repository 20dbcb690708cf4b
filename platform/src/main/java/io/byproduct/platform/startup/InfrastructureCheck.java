package io.byproduct.platform.startup;

import io.byproduct.platform.config.ProvisioningProperties;
import io.byproduct.platform.tables.TableProvisioner;
import io.byproduct.platform.topics.TopicProvisioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * At start, before the service takes traffic: reach Kafka and DynamoDB, then create the missing
 * topics and tables (where {@code byproduct.provisioning.create-missing}) or check that they
 * exist. A failure stops the start with an {@link InfrastructureException} naming the property.
 */
public class InfrastructureCheck implements InitializingBean {

  private static final Logger log = LoggerFactory.getLogger(InfrastructureCheck.class);

  private final ProvisioningProperties provisioning;
  private final TopicProvisioner topics;
  private final TableProvisioner tables;

  public InfrastructureCheck(ProvisioningProperties provisioning, TopicProvisioner topics, TableProvisioner tables) {
    this.provisioning = provisioning;
    this.topics = topics;
    this.tables = tables;
  }

  @Override
  public void afterPropertiesSet() {
    if (!provisioning.checkOnStart()) {
      log.info("Start-up check of Kafka and DynamoDB is off (byproduct.provisioning.check-on-start=false)");
      return;
    }
    if (provisioning.createMissing()) {
      topics.createMissing();
      tables.createMissing();
    } else {
      topics.verify();
      tables.verify();
    }
    log.info("Kafka topics and DynamoDB tables are in place");
  }
}
