package io.byproduct.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.config.DynamoProperties.TableNames;
import io.byproduct.platform.quality.QualityItems;
import io.byproduct.platform.quality.QualityReader;
import io.byproduct.platform.tables.TableProvisioner;
import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.quality.ImageFrequency;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** The contracts of the platform-dynamo module on a real DynamoDB server. */
class TableContractsIT {

  private static LocalDynamo dynamoServer;
  private static DynamoDbClient dynamo;

  @BeforeAll
  static void startInfrastructure() {
    dynamoServer = LocalDynamo.start();
    dynamo = DynamoClients.create(dynamoProperties(new TableNames("ImageNetHIT", "ImageNetAnnotation", "ImageNetAnnotationPage")));
  }

  @AfterAll
  static void stopInfrastructure() {
    dynamo.close();
    dynamoServer.close();
  }

  static DynamoProperties dynamoProperties(TableNames names) {
    return new DynamoProperties(URI.create(dynamoServer.endpoint()), "us-east-1", "local", "local",
        Duration.ofSeconds(10), names);
  }

  @Test
  void createMissingTables_thenEachTableRoundTripsAnItem_andRefusesAConditionalOverwrite() {
    TableNames names = TableNames.withPrefix("rt_");
    Tables tables = new Tables(names);
    TableProvisioner provisioner = new TableProvisioner(dynamo, tables, dynamoServer.endpoint());

    assertThat(provisioner.createMissing()).containsExactly(names.hit(), names.annotation(), names.page(),
        names.imageClass(), names.image(), names.sandbox(), names.countMarker(), names.quality());
    assertThat(provisioner.createMissing()).isEmpty();
    provisioner.verify();

    Map<String, AttributeValue> hit = Map.of(
        Tables.HIT_HASH, s("demo"), Tables.HIT_RANGE, s("hit-0001"), "isUnique", AttributeValue.fromBool(true));
    Map<String, AttributeValue> annotation = Map.of(
        Tables.ANNOTATION_HASH, s("ann-1"), Tables.WORKER_ID, s("pseudonym"), Tables.DATASET, s("demo"),
        "pageCount", AttributeValue.fromN("1"));
    Map<String, AttributeValue> page = Map.of(
        Tables.PAGE_HASH, s("ann-1"), Tables.PAGE_RANGE, s(Tables.pageKey(1)), "pageno", AttributeValue.fromN("1"));

    putOnce(names.hit(), hit, Tables.HIT_RANGE);
    putOnce(names.annotation(), annotation, Tables.ANNOTATION_HASH);
    putOnce(names.page(), page, Tables.PAGE_RANGE);

    assertThat(dynamo.getItem(b -> b.tableName(names.hit()).key(Map.of(Tables.HIT_HASH, s("demo"), Tables.HIT_RANGE, s("hit-0001")))).item())
        .isEqualTo(hit);
    assertThat(dynamo.getItem(b -> b.tableName(names.annotation()).key(Map.of(Tables.ANNOTATION_HASH, s("ann-1")))).item())
        .isEqualTo(annotation);
    assertThat(dynamo.getItem(b -> b.tableName(names.page()).key(Map.of(Tables.PAGE_HASH, s("ann-1"), Tables.PAGE_RANGE, s("0001")))).item())
        .isEqualTo(page);
    assertThat(dynamo.query(b -> b.tableName(names.annotation()).indexName(Tables.ANNOTATION_BY_WORKER)
            .keyConditionExpression("workerID = :w AND hitDatasetName = :d")
            .expressionAttributeValues(Map.of(":w", s("pseudonym"), ":d", s("demo")))).items())
        .containsExactly(annotation);

    Map<String, AttributeValue> image = Map.of(Tables.IMAGE_HASH, s("n01/n01_1"), Tables.CLASS_ID, s("c1"), "url", s("/i.jpg"));
    putOnce(names.imageClass(), Map.of(Tables.CLASS_HASH, s("c1"), "wnid", s("n01")), Tables.CLASS_HASH);
    putOnce(names.image(), image, Tables.IMAGE_HASH);
    putOnce(names.sandbox(), Map.of(Tables.SANDBOX_HASH, s("sandbox-1")), Tables.SANDBOX_HASH);
    putOnce(names.countMarker(), Map.of(Tables.MARKER_HASH, s("class|c1"), Tables.MARKER_RANGE, s("sandbox-1")),
        Tables.MARKER_HASH);
    assertThat(dynamo.query(b -> b.tableName(names.image()).indexName(Tables.IMAGE_BY_CLASS)
            .keyConditionExpression("classID = :c").expressionAttributeValues(Map.of(":c", s("c1")))).items())
        .containsExactly(image);
  }

  @Test
  void qualityItems_areListedByDatasetPageByPage_andFoundById() {
    TableNames names = TableNames.withPrefix("q_");
    Tables tables = new Tables(names);
    new TableProvisioner(dynamo, tables, dynamoServer.endpoint()).createMissing();
    for (String image : List.of("a", "b", "c")) {
      ImageFrequency f = new ImageFrequency("demo", "cat", image, 2, 1, 0.5, List.of(), 0L);
      dynamo.putItem(b -> b.tableName(names.quality()).item(QualityItems.itemOf(f, 1L)));
    }
    dynamo.putItem(b -> b.tableName(names.quality()).item(QualityItems.itemOf(
        new ImageFrequency("other", "cat", "a", 1, 1, 1.0, List.of(), 0L), 1L)));
    QualityReader reader = new QualityReader(dynamo, tables);

    QualityReader.Listing first = reader.list(QualityItems.Kind.IMAGE, "demo", null, 2);
    QualityReader.Listing rest = reader.list(QualityItems.Kind.IMAGE, "demo", first.next(), 2);

    assertThat(first.records()).hasSize(2).allMatch(r -> r.contains("\"hitDatasetName\": \"demo\""));
    assertThat(first.next()).isEqualTo("cat|b");
    assertThat(rest.records()).singleElement().asString().contains("\"imageId\": \"c\"");
    assertThat(reader.list(QualityItems.Kind.WORKER, "demo", null, 10).records()).isEmpty();
    assertThat(reader.find(QualityItems.Kind.IMAGE, "other", "cat|a")).isPresent();
    assertThat(reader.find(QualityItems.Kind.IMAGE, "demo", "cat|z")).isEmpty();
  }

  @Test
  void verify_missingTable_namesThePropertyToFix() {
    Tables tables = new Tables(new TableNames("absent_HIT", "absent_Annotation", "absent_Page"));

    assertThatThrownBy(() -> new TableProvisioner(dynamo, tables, dynamoServer.endpoint()).verify())
        .hasMessageContaining("byproduct.dynamo.tables.hit")
        .hasMessageContaining("absent_HIT");
  }

  private static void putOnce(String table, Map<String, AttributeValue> item, String keyAttribute) {
    PutItemRequest conditional = PutItemRequest.builder().tableName(table).item(item)
        .conditionExpression("attribute_not_exists(#k)").expressionAttributeNames(Map.of("#k", keyAttribute))
        .build();
    dynamo.putItem(conditional);
    assertThatThrownBy(() -> dynamo.putItem(conditional))
        .as("a second conditional put into %s", table)
        .isInstanceOf(ConditionalCheckFailedException.class);
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
