package io.byproduct.gateway.binding;

import io.byproduct.platform.tables.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A worker's HIT-level annotations in a dataset, from the {@code byWorkerAndDataset} index. */
@Component
public class WorkerAnnotations {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final DynamoDbClient dynamo;
  private final Tables tables;

  public WorkerAnnotations(DynamoDbClient dynamo, Tables tables) {
    this.dynamo = dynamo;
    this.tables = tables;
  }

  /** The annotations as the seed's ImageNetAnnotation JSON ({@code id}, {@code pageCount}, {@code isDone}, ...). */
  public List<JsonNode> of(String workerPseudonym, String hitDatasetName) {
    QueryRequest query = QueryRequest.builder()
        .tableName(tables.names().annotation())
        .indexName(Tables.ANNOTATION_BY_WORKER)
        .keyConditionExpression("#w = :w AND #d = :d")
        .expressionAttributeNames(Map.of("#w", Tables.WORKER_ID, "#d", Tables.DATASET))
        .expressionAttributeValues(Map.of(":w", AttributeValue.fromS(workerPseudonym),
            ":d", AttributeValue.fromS(hitDatasetName)))
        .build();
    List<JsonNode> annotations = new ArrayList<>();
    dynamo.queryPaginator(query).items()
        .forEach(item -> annotations.add(JSON.readTree(EnhancedDocument.fromAttributeValueMap(item).toJson())));
    return annotations;
  }

  /** A text field of an annotation's JSON, or null if absent. */
  public static String field(JsonNode annotation, String name) {
    JsonNode value = annotation.get(name);
    return value == null || value.isNull() ? null : value.asString();
  }
}
