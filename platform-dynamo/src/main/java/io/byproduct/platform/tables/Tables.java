package io.byproduct.platform.tables;

import io.byproduct.platform.config.DynamoProperties.TableNames;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The DynamoDB tables (the seed's three, the catalog's two, the sandbox's, the count markers), with their keys: the one definition every environment
 * (dynalite, real AWS) uses. See platform/README.md for the key design.
 *
 * <ul>
 *   <li>{@code ImageNetHIT}: {@code hitDatasetName} (hash) + {@code id} (range) — a HIT is
 *       addressed by dataset and id, as in the seed's REST paths.
 *   <li>{@code ImageNetAnnotation}: {@code id} (hash), the browser-made annotation id; index
 *       {@value #ANNOTATION_BY_WORKER} on {@code workerID} (hash) + {@code hitDatasetName}
 *       (range) finds a worker's annotations in a dataset (resume, one-HIT-per-worker).
 *   <li>{@code ImageNetAnnotationPage}: {@code imageNetAnnotationID} (hash) + {@code pageKey}
 *       (range): the zero-padded page number ({@code 0003}); items of an oversized page carry
 *       a suffix ({@code 0003#01}). All pages of an annotation are one query.
 *   <li>{@code ImageNetClass}: {@code id} (hash) — the classes of the manifests, with their
 *       annotation counts per interface version.
 *   <li>{@code ImageNetImage}: {@code id} (hash); index {@value #IMAGE_BY_CLASS} on
 *       {@code classID} (hash) + {@code id} (range) lists a class's images.
 *   <li>{@code ImageNetSandboxAnnotation}: {@code id} (hash), the content id of a sandbox-mode
 *       submission.
 *   <li>{@code ImageNetCountMarker}: {@code counted} (hash, {@code class|<id>} or
 *       {@code image|<id>}) + {@code contribution} (range): one small item per annotation counted
 *       for a class or an image, so that the count items never grow (see
 *       {@code catalog.AnnotationCounts}). All of an item's markers are one query (a recount).
 *   <li>{@code ImageNetQuality}: {@code scope} (hash, {@code image|<dataset>}, {@code worker|<dataset>}
 *       or {@code assignment|<dataset>}) + {@code id} (range: {@code <classId>|<imageId>}, the
 *       pseudonymised worker id, the annotation id): the latest live quality record of each, as
 *       JSON (see {@code quality.QualityItems}). A dataset's images or workers are one query.
 * </ul>
 */
public final class Tables {

  public static final String HIT_HASH = "hitDatasetName";
  public static final String HIT_RANGE = "id";
  public static final String ANNOTATION_HASH = "id";
  public static final String ANNOTATION_BY_WORKER = "byWorkerAndDataset";
  public static final String WORKER_ID = "workerID";
  public static final String DATASET = "hitDatasetName";
  public static final String PAGE_HASH = "imageNetAnnotationID";
  public static final String PAGE_RANGE = "pageKey";
  public static final String CLASS_HASH = "id";
  public static final String IMAGE_HASH = "id";
  public static final String IMAGE_BY_CLASS = "byClass";
  public static final String CLASS_ID = "classID";
  public static final String SANDBOX_HASH = "id";
  public static final String MARKER_HASH = "counted";
  public static final String MARKER_RANGE = "contribution";
  public static final String QUALITY_HASH = "scope";
  public static final String QUALITY_RANGE = "id";

  private final TableNames names;

  public Tables(TableNames names) {
    this.names = names;
  }

  public TableNames names() {
    return names;
  }

  /** The zero-padded sort key of a page's head item. */
  public static String pageKey(int pageNo) {
    if (pageNo < 1 || pageNo > 9999) {
      throw new IllegalArgumentException("page number must be 1..9999, was " + pageNo);
    }
    return String.format("%04d", pageNo);
  }

  public List<CreateTableRequest> definitions() {
    return List.of(hitTable(), annotationTable(), pageTable(), classTable(), imageTable(), sandboxTable(),
        countMarkerTable(), qualityTable());
  }

  CreateTableRequest qualityTable() {
    return CreateTableRequest.builder()
        .tableName(names.quality())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(string(QUALITY_HASH), string(QUALITY_RANGE))
        .keySchema(key(QUALITY_HASH, KeyType.HASH), key(QUALITY_RANGE, KeyType.RANGE))
        .build();
  }

  CreateTableRequest hitTable() {
    return CreateTableRequest.builder()
        .tableName(names.hit())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(string(HIT_HASH), string(HIT_RANGE))
        .keySchema(key(HIT_HASH, KeyType.HASH), key(HIT_RANGE, KeyType.RANGE))
        .build();
  }

  CreateTableRequest annotationTable() {
    return CreateTableRequest.builder()
        .tableName(names.annotation())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(string(ANNOTATION_HASH), string(WORKER_ID), string(DATASET))
        .keySchema(key(ANNOTATION_HASH, KeyType.HASH))
        .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
            .indexName(ANNOTATION_BY_WORKER)
            .keySchema(key(WORKER_ID, KeyType.HASH), key(DATASET, KeyType.RANGE))
            .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
            .build())
        .build();
  }

  CreateTableRequest pageTable() {
    return CreateTableRequest.builder()
        .tableName(names.page())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(string(PAGE_HASH), string(PAGE_RANGE))
        .keySchema(key(PAGE_HASH, KeyType.HASH), key(PAGE_RANGE, KeyType.RANGE))
        .build();
  }

  CreateTableRequest classTable() {
    return singleKeyTable(names.imageClass(), CLASS_HASH);
  }

  CreateTableRequest imageTable() {
    return CreateTableRequest.builder()
        .tableName(names.image())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(string(IMAGE_HASH), string(CLASS_ID))
        .keySchema(key(IMAGE_HASH, KeyType.HASH))
        .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
            .indexName(IMAGE_BY_CLASS)
            .keySchema(key(CLASS_ID, KeyType.HASH), key(IMAGE_HASH, KeyType.RANGE))
            .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
            .build())
        .build();
  }

  CreateTableRequest sandboxTable() {
    return singleKeyTable(names.sandbox(), SANDBOX_HASH);
  }

  CreateTableRequest countMarkerTable() {
    return CreateTableRequest.builder()
        .tableName(names.countMarker())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(string(MARKER_HASH), string(MARKER_RANGE))
        .keySchema(key(MARKER_HASH, KeyType.HASH), key(MARKER_RANGE, KeyType.RANGE))
        .build();
  }

  private static CreateTableRequest singleKeyTable(String name, String hashKey) {
    return CreateTableRequest.builder()
        .tableName(name)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(string(hashKey))
        .keySchema(key(hashKey, KeyType.HASH))
        .build();
  }

  private static AttributeDefinition string(String name) {
    return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }
}
