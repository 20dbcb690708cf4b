package io.byproduct.platform.startup;

import io.byproduct.platform.config.DynamoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;

/**
 * Checks, before the DynamoDB client is built ({@code DynamoClients.create}), what bean validation
 * cannot see: DynamoDB credentials given as properties for real AWS (the key is never shown), and
 * a region this SDK does not know (a warning). A problem stops the start with an
 * {@link InfrastructureException} naming the property.
 */
public final class DynamoConfigurationCheck {

  private static final Logger log = LoggerFactory.getLogger(DynamoConfigurationCheck.class);
  private static final String LOCAL = "local";

  private DynamoConfigurationCheck() {}

  public static void checkDynamo(DynamoProperties dynamo) {
    if (dynamo.endpoint() != null) {
      return;
    }
    if (!LOCAL.equals(dynamo.accessKeyId()) || !LOCAL.equals(dynamo.secretAccessKey())) {
      String property = !LOCAL.equals(dynamo.accessKeyId())
          ? "byproduct.dynamo.access-key-id" : "byproduct.dynamo.secret-access-key";
      throw new InfrastructureException(property, "(set, not shown)",
          "DynamoDB access keys are set as properties, but without byproduct.dynamo.endpoint the service"
              + " goes to real AWS, where these properties are not used",
          "Remove them: on AWS the default credential chain applies (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"
              + " in the environment, AWS_PROFILE, or the task's/instance's role). For dynalite or another"
              + " DynamoDB-compatible server, set byproduct.dynamo.endpoint too.");
    }
    if (Region.regions().stream().noneMatch(r -> r.id().equals(dynamo.region()))) {
      log.warn("byproduct.dynamo.region={} is not a region this AWS SDK knows; DynamoDB calls will fail if it"
          + " does not exist", dynamo.region());
    }
  }
}
