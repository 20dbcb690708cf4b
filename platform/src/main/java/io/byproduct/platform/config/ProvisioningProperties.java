package io.byproduct.platform.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a service does at start about topics and tables.
 *
 * @param createMissing create missing topics and tables from the shared definitions (the local
 *     run and tests); when false, a missing one stops the service with a message naming it
 * @param checkOnStart check Kafka and DynamoDB at start (reachable, topics and tables present)
 */
@ConfigurationProperties("byproduct.provisioning")
public record ProvisioningProperties(
    @DefaultValue("false") boolean createMissing,
    @DefaultValue("true") boolean checkOnStart) {}
