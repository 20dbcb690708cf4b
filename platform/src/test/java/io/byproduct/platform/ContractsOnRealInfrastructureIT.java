package io.byproduct.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.config.DynamoProperties.TableNames;
import io.byproduct.platform.config.TopicsProperties;
import io.byproduct.platform.tables.TableProvisioner;
import io.byproduct.platform.tables.Tables;
import io.byproduct.platform.topics.TopicProvisioner;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.event.SelectionToggled;
import io.byproduct.schemas.topics.Topic;
import io.byproduct.schemas.topics.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** The contracts of the schemas and platform modules on a real broker and a real DynamoDB server. */
class ContractsOnRealInfrastructureIT {

  private static LocalKafka kafka;
  private static LocalDynamo dynamoServer;
  private static DynamoDbClient dynamo;
  private static Admin admin;

  @BeforeAll
  static void startInfrastructure() {
    kafka = LocalKafka.start();
    dynamoServer = LocalDynamo.start();
    dynamo = DynamoClients.create(dynamoProperties(new TableNames("ImageNetHIT", "ImageNetAnnotation", "ImageNetAnnotationPage")));
    admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
  }

  @AfterAll
  static void stopInfrastructure() {
    admin.close();
    dynamo.close();
    dynamoServer.close();
    kafka.close();
  }

  static DynamoProperties dynamoProperties(TableNames names) {
    return new DynamoProperties(URI.create(dynamoServer.endpoint()), "us-east-1", "local", "local",
        Duration.ofSeconds(10), names);
  }

  @Test
  void createMissingTopics_createsEveryRegisteredTopicOnce_withItsPartitions() throws Exception {
    Topics topics = Topics.withPrefix("provision.");
    TopicsProperties props = new TopicsProperties("provision.", 3, Map.of("interactions", 4), (short) 1);
    TopicProvisioner provisioner = new TopicProvisioner(admin, topics, props, kafka.bootstrapServers(), Duration.ofSeconds(10));

    List<String> created = provisioner.createMissing();
    List<String> again = provisioner.createMissing();

    assertThat(created).containsExactlyInAnyOrderElementsOf(topics.all().stream().map(Topic::name).toList());
    assertThat(again).isEmpty();
    Map<String, TopicDescription> described = admin.describeTopics(created).allTopicNames().get();
    assertThat(described.get("provision.interactions").partitions()).hasSize(4);
    assertThat(described.get("provision.pages").partitions()).hasSize(3);
    provisioner.verify();
  }

  @Test
  void interactionEvent_writtenThroughTheBroker_isReadBackDecoded() throws Exception {
    Topics topics = Topics.withPrefix("roundtrip.");
    new TopicProvisioner(admin, topics, new TopicsProperties("roundtrip.", 2, Map.of(), (short) 1),
        kafka.bootstrapServers(), Duration.ofSeconds(10)).createMissing();
    Topic<String, InteractionEvent> topic = topics.interactions;
    InteractionEvent event = InteractionEvent.newBuilder()
        .setEventId("sess-1:3").setSessionId("sess-1").setSeq(3).setAnnotationId("ann-1")
        .setHitDatasetName("demo").setImageNetHitId("hit-0001").setPageNo(1).setWorkerId("pseudonym")
        .setVersion(InterfaceVersion.POINTER_NO_ORIGINAL).setClientTime(1_700_000_000_000L)
        .setGatewayTime(1_700_000_000_020L)
        .setPayload(new SelectionToggled("n01440764/n01440764_105", 0.54, 0.47, true))
        .build();

    try (KafkaProducer<String, InteractionEvent> producer = new KafkaProducer<>(
        Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all", "enable.idempotence", true),
        topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), event.getAnnotationId(), event)).get();
    }

    List<ConsumerRecord<String, InteractionEvent>> read = new ArrayList<>();
    try (KafkaConsumer<String, InteractionEvent> consumer = new KafkaConsumer<>(
        Map.of("bootstrap.servers", kafka.bootstrapServers(), "group.id", "roundtrip", "auto.offset.reset", "earliest"),
        topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (read.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
    }

    assertThat(read).hasSize(1);
    assertThat(read.get(0).key()).isEqualTo("ann-1");
    assertThat(read.get(0).value()).isEqualTo(event);
  }

  @Test
  void createMissingTables_thenEachTableRoundTripsAnItem_andRefusesAConditionalOverwrite() {
    TableNames names = TableNames.withPrefix("rt_");
    Tables tables = new Tables(names);
    TableProvisioner provisioner = new TableProvisioner(dynamo, tables, dynamoServer.endpoint());

    assertThat(provisioner.createMissing()).containsExactly(names.hit(), names.annotation(), names.page(),
        names.imageClass(), names.image(), names.sandbox(), names.countMarker());
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
