package io.byproduct.hittool.hits;

import io.byproduct.platform.tables.Tables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The tables an import writes (HITs, classes, images), checked before anything is written, and
 * created (with the definitions of {@link Tables}) when asked.
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
   * Checks the tables an import writes: the HIT table and the catalog's class and image tables.
   *
   * @param create create the tables that are missing
   * @param where the endpoint or region, for messages
   * @return the names of the tables created (empty if all existed)
   * @throws MissingTableException if one is missing and {@code create} is false
   */
  public static List<String> ensure(DynamoDbClient dynamo, Tables tables, boolean create, String where) {
    List<String> created = new ArrayList<>();
    for (String name : List.of(tables.names().hit(), tables.names().imageClass(), tables.names().image())) {
      if (ensureOne(dynamo, tables, name, create, where)) {
        created.add(name);
      }
    }
    return created;
  }

  private static boolean ensureOne(DynamoDbClient dynamo, Tables tables, String name, boolean create, String where) {
    try {
      dynamo.describeTable(b -> b.tableName(name));
      return false;
    } catch (ResourceNotFoundException missing) {
      if (!create) {
        throw new MissingTableException("DynamoDB table '" + name + "' does not exist at " + where
            + ": pass --create-table to create the missing tables, or name existing ones with --table"
            + " (and the catalog's with --class-table and --image-table)");
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
