package io.byproduct.platform.health;

import io.byproduct.platform.tables.Tables;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** UP when every Byproduct table is ACTIVE; DOWN naming the table otherwise. */
public class DynamoHealthIndicator extends AbstractHealthIndicator {

  private final DynamoDbClient dynamo;
  private final Tables tables;

  public DynamoHealthIndicator(DynamoDbClient dynamo, Tables tables) {
    super("DynamoDB health check failed");
    this.dynamo = dynamo;
    this.tables = tables;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Map<String, String> statuses = new LinkedHashMap<>();
    boolean allActive = true;
    for (CreateTableRequest table : tables.definitions()) {
      TableStatus status = dynamo.describeTable(b -> b.tableName(table.tableName())).table().tableStatus();
      statuses.put(table.tableName(), String.valueOf(status));
      allActive &= status == TableStatus.ACTIVE;
    }
    (allActive ? builder.up() : builder.down()).withDetail("tables", statuses);
  }
}
