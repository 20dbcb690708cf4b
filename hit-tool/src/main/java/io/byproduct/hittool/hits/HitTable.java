package io.byproduct.hittool.hits;

import io.byproduct.platform.tables.Tables;
import java.time.Duration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The HIT table, checked before anything is written, and created (only it, with the definition of
 * {@link Tables}) when asked.
 */
public final class HitTable {

  /** The HIT table does not exist and was not to be created. */
  public static class MissingTableException extends IllegalStateException {
    public MissingTableException(String message) {
      super(message);
    }
  }

  private HitTable() {}

  /**
   * @param create create the table if it is missing
   * @param where the endpoint or region, for messages
   * @return {@code true} if the table was created
   * @throws MissingTableException if it is missing and {@code create} is false
   */
  public static boolean ensure(DynamoDbClient dynamo, Tables tables, boolean create, String where) {
    String name = tables.names().hit();
    try {
      dynamo.describeTable(b -> b.tableName(name));
      return false;
    } catch (ResourceNotFoundException missing) {
      if (!create) {
        throw new MissingTableException("DynamoDB table '" + name + "' does not exist at " + where
            + ": pass --create-table to create it, or --table NAME to use another");
      }
    }
    CreateTableRequest definition = tables.definitions().stream()
        .filter(d -> d.tableName().equals(name)).findFirst().orElseThrow();
    try {
      dynamo.createTable(definition);
    } catch (ResourceInUseException raced) {
      // created meanwhile by someone else: fine
    }
    // the SDK's default waiter polls every 20 s; a new table is usually ACTIVE within seconds
    try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(dynamo)
        .overrideConfiguration(o -> o.backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(500)))
            .waitTimeout(Duration.ofMinutes(5)).maxAttempts(600))
        .build()) {
      waiter.waitUntilTableExists(b -> b.tableName(name));
    }
    return true;
  }
}
