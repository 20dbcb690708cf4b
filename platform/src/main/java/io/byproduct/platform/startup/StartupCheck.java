package io.byproduct.platform.startup;

import io.byproduct.platform.config.ProvisioningProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * At start, before the service takes traffic: reach one kind of infrastructure, then create what
 * is missing (where {@code byproduct.provisioning.create-missing}) or check that it exists. A
 * failure stops the start with an {@link InfrastructureException} naming the property. Each part of
 * the platform registers one for what it wires (platform-kafka the topics, platform-dynamo the
 * tables), so a service checks only the infrastructure it uses.
 */
public class StartupCheck implements InitializingBean {

  private static final Logger log = LoggerFactory.getLogger(StartupCheck.class);

  private final ProvisioningProperties provisioning;
  private final Provisioner provisioner;
  private final String what;

  /** @param what for the log, e.g. "Kafka topics" */
  public StartupCheck(ProvisioningProperties provisioning, Provisioner provisioner, String what) {
    this.provisioning = provisioning;
    this.provisioner = provisioner;
    this.what = what;
  }

  @Override
  public void afterPropertiesSet() {
    if (!provisioning.checkOnStart()) {
      log.info("Start-up check of {} is off (byproduct.provisioning.check-on-start=false)", what);
      return;
    }
    if (provisioning.createMissing()) {
      provisioner.createMissing();
    } else {
      provisioner.verify();
    }
    log.info("{} are in place", what);
  }
}
