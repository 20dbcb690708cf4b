package io.byproduct.pageassembler.writing;

import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.json.RecordJson;
import io.byproduct.schemas.record.SandboxAnnotation;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Writes a sandbox-mode submit to {@code ImageNetSandboxAnnotation} once (conditional on its
 * content id being absent), in the shape of {@link RecordJson#sandbox}.
 */
public final class SandboxWriter {

  private final DynamoDbClient dynamo;
  private final Tables tables;

  public SandboxWriter(DynamoDbClient dynamo, Tables tables) {
    this.dynamo = dynamo;
    this.tables = tables;
  }

  public WriteOutcome write(SandboxAnnotation sandbox) {
    Map<String, AttributeValue> item = EnhancedDocument.fromJson(RecordJson.sandbox(sandbox)).toMap();
    try {
      dynamo.putItem(b -> b.tableName(tables.names().sandbox()).item(item)
          .conditionExpression("attribute_not_exists(#id)")
          .expressionAttributeNames(Map.of("#id", Tables.SANDBOX_HASH)));
      return WriteOutcome.WRITTEN;
    } catch (ConditionalCheckFailedException stored) {
      return WriteOutcome.ALREADY_STORED;
    }
  }
}
