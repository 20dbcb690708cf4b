package io.byproduct.platform.tables;

import io.byproduct.platform.startup.InfrastructureException;
import io.byproduct.platform.startup.Provisioner;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Creates missing tables from {@link Tables}, or checks that they exist. */
public final class TableProvisioner implements Provisioner {

  private static final Logger log = LoggerFactory.getLogger(TableProvisioner.class);

  private final DynamoDbClient dynamo;
  private final Tables tables;
  private final String endpointDescription;

  public TableProvisioner(DynamoDbClient dynamo, Tables tables, String endpointDescription) {
    this.dynamo = dynamo;
    this.tables = tables;
    this.endpointDescription = endpointDescription;
  }

  /** Creates each table that does not exist yet; returns the names it created. */
  @Override
  public List<String> createMissing() {
    List<String> created = new ArrayList<>();
    for (CreateTableRequest definition : tables.definitions()) {
      if (describe(definition.tableName()) == null) {
        try {
          dynamo.createTable(definition);
          dynamo.waiter().waitUntilTableExists(b -> b.tableName(definition.tableName()));
          created.add(definition.tableName());
          log.info("Created DynamoDB table {}", definition.tableName());
        } catch (ResourceInUseException raced) {
          log.debug("Table {} was created concurrently", definition.tableName());
        } catch (SdkException e) {
          throw unreachable(e);
        }
      }
    }
    return created;
  }

  /** Fails with a message naming the property of the first table that is missing or not active. */
  @Override
  public void verify() {
    for (CreateTableRequest definition : tables.definitions()) {
      DescribeTableResponse table = describe(definition.tableName());
      if (table == null) {
        throw new InfrastructureException(propertyOf(definition.tableName()), definition.tableName(),
            "DynamoDB table '" + definition.tableName() + "' does not exist at " + endpointDescription,
            "Create it (run the service once with byproduct.provisioning.create-missing=true, which uses the"
                + " same definitions), or set " + propertyOf(definition.tableName()) + " to the table's name.");
      }
      if (table.table().tableStatus() != TableStatus.ACTIVE && table.table().tableStatus() != TableStatus.UPDATING) {
        throw new InfrastructureException(propertyOf(definition.tableName()), definition.tableName(),
            "DynamoDB table '" + definition.tableName() + "' is " + table.table().tableStatus(),
            "Wait until the table is ACTIVE, then start the service again.");
      }
    }
  }

  private DescribeTableResponse describe(String name) {
    try {
      return dynamo.describeTable(b -> b.tableName(name));
    } catch (ResourceNotFoundException missing) {
      return null;
    } catch (SdkException e) {
      throw unreachable(e);
    }
  }

  private InfrastructureException unreachable(SdkException e) {
    String action = e instanceof SdkClientException
        ? "Check that DynamoDB is running and reachable at " + endpointDescription
            + ", or fix byproduct.dynamo.endpoint (empty for real AWS) and byproduct.dynamo.region."
        : "Check the credentials and permissions of this service for DynamoDB (byproduct.dynamo.*).";
    return new InfrastructureException("byproduct.dynamo.endpoint", endpointDescription,
        "DynamoDB is not usable at " + endpointDescription + ": " + e.getMessage(), action, e);
  }

  private String propertyOf(String tableName) {
    if (tableName.equals(tables.names().hit())) {
      return "byproduct.dynamo.tables.hit";
    }
    if (tableName.equals(tables.names().annotation())) {
      return "byproduct.dynamo.tables.annotation";
    }
    if (tableName.equals(tables.names().quality())) {
      return "byproduct.dynamo.tables.quality";
    }
    return "byproduct.dynamo.tables.page";
  }
}
