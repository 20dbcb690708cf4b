package io.byproduct.pageassembler;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.platform.pages.PageReader;
import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.json.SeedJson;
import io.byproduct.schemas.record.AnnotationRecord;
import io.byproduct.schemas.record.HoverAction;
import io.byproduct.schemas.record.HoverActionKind;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import io.byproduct.schemas.record.Position;
import io.byproduct.schemas.record.TrackPoint;
import io.byproduct.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;

/** The page assembler on a real broker and DynamoDB server. */
class PageAssemblerIT {

  private static LocalKafka kafka;
  private static LocalDynamo dynamo;
  private static ConfigurableApplicationContext assembler;
  private static final Topics topics = Topics.defaults();

  @BeforeAll
  static void start() {
    kafka = LocalKafka.start();
    dynamo = LocalDynamo.start();
    assembler = PageAssemblerApplication.builder().run(
        "--byproduct.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--byproduct.dynamo.endpoint=" + dynamo.endpoint(),
        "--byproduct.provisioning.create-missing=true",
        "--byproduct.topics.partitions=2");
  }

  @AfterAll
  static void stop() {
    assembler.close();
    dynamo.close();
    kafka.close();
  }

  static PageRecord page(String annotationId, int pageNo, int pointsPerImage) {
    Random random = new Random(pageNo);
    List<ImageRecord> images = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      List<TrackPoint> points = new ArrayList<>();
      for (int p = 0; p < pointsPerImage; p++) {
        points.add(new TrackPoint(random.nextDouble(), random.nextDouble(), 1_700_000_000_000L + 17L * p));
      }
      images.add(ImageRecord.newBuilder().setImageID("n01440764/img_" + i)
          .setOriginalImageHeight(375).setOriginalImageWidth(500).setImageHeight(243).setImageWidth(243)
          .setImagePosition(new Position(i, 2 * i))
          .setHoveredRecord(List.of(new HoverAction(HoverActionKind.enter, 5L), new HoverAction(HoverActionKind.leave, 9L)))
          .setHoveredCount(1).setMouseTracking(points).setSelected(i % 3 == 0).setSelectedCount(i % 3 == 0 ? 1 : 0)
          .setSelectedRecord(i % 3 == 0 ? List.of(new TrackPoint(0.5, 0.5, 7L)) : List.of())
          .setEstimateTime(4L).setWorkerId("W1").build());
    }
    return PageRecord.newBuilder().setAnnotationId(annotationId).setPageId("p-" + pageNo).setPageNo(pageNo)
        .setHitDatasetName("demo").setImageNetHitId("hit-1").setWorkerId("W1").setVersion("POINTER_ORIGINAL")
        .setStartedAt(1000L).setEndedAt(2000L).setStatus(PageStatus.SUBMITTED).setEventCount(100).setImages(images)
        .build();
  }

  static AnnotationRecord annotation(String id, int pageCount, boolean done) {
    return AnnotationRecord.newBuilder().setId(id).setHitDatasetName("demo").setImageNetHitID("hit-1")
        .setAnnotatorID("").setWorkerID("W1").setHitID("H").setAssignmentID("A").setVersion("POINTER_ORIGINAL")
        .setCreatedAt(1L).setStartedAt(2L).setEndedAt(3L).setPageCount(pageCount).setIsDone(done).build();
  }

  private static <V> void send(String topic, String key, byte[] value) {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
        "acks", "all", "max.request.size", 16 * 1024 * 1024), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sendPage(PageRecord page) {
    send(topics.pages.name(), page.getAnnotationId(), topics.pages.valueSerde().serializer().serialize("", page));
  }

  private static void sendAnnotation(AnnotationRecord a) {
    send(topics.annotations.name(), a.getId(), topics.annotations.valueSerde().serializer().serialize("", a));
  }

  private static <T> T await(Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("not seen within 30 s");
  }

  private static PageReader reader() {
    return new PageReader(assembler.getBean(DynamoDbClient.class), assembler.getBean(Tables.class));
  }

  private static Optional<Map<String, AttributeValue>> storedAnnotation(String id, int pageCount) {
    Map<String, AttributeValue> item = assembler.getBean(DynamoDbClient.class).getItem(b -> b
        .tableName("ImageNetAnnotation").consistentRead(true).key(Map.of("id", AttributeValue.fromS(id)))).item();
    return item != null && !item.isEmpty() && Integer.parseInt(item.get("pageCount").n()) >= pageCount
        ? Optional.of(item) : Optional.empty();
  }

  @Test
  void submittedPage_isStoredAndReadBackAsTheSeedsJson() {
    PageRecord page = page("ann-small", 1, 30);
    sendPage(page);

    JsonNode stored = await(() -> reader().read("ann-small", 1));

    assertThat(stored.get("id").asString()).isEqualTo("p-1");
    assertThat(stored.get("pageno").asInt()).isEqualTo(1);
    for (int i = 0; i < 48; i++) {
      assertThat(SeedJson.fromTree(stored.get("annotations").get(i))).isEqualTo(page.getImages().get(i));
    }
  }

  @Test
  void pageOver400KB_isStoredWithoutLoss() {
    PageRecord page = page("ann-large", 2, 750);   // 36,000 points: ten minutes at 60 Hz
    assertThat(topics.pages.valueSerde().serializer().serialize("", page).length).isGreaterThan(400 * 1024);
    sendPage(page);

    JsonNode stored = await(() -> reader().read("ann-large", 2));

    for (int i = 0; i < 48; i++) {
      assertThat(SeedJson.fromTree(stored.get("annotations").get(i))).isEqualTo(page.getImages().get(i));
    }
  }

  @Test
  void redeliveredPage_andOlderAnnotation_changeNothing() {
    PageRecord page = page("ann-redo", 1, 10);
    sendPage(page);
    JsonNode first = await(() -> reader().read("ann-redo", 1));
    sendAnnotation(annotation("ann-redo", 2, true));
    await(() -> storedAnnotation("ann-redo", 2));

    PageRecord changed = PageRecord.newBuilder(page).setEndedAt(9999L).build();
    sendPage(changed);                                     // same page again, as after a crash
    sendAnnotation(annotation("ann-redo", 1, false));      // an older state redelivered
    sendAnnotation(annotation("ann-marker", 1, false));    // written after both: marks that they were handled
    await(() -> storedAnnotation("ann-marker", 1));

    assertThat(reader().read("ann-redo", 1)).contains(first);
    Map<String, AttributeValue> stored = storedAnnotation("ann-redo", 0).orElseThrow();
    assertThat(stored.get("pageCount").n()).isEqualTo("2");
    assertThat(stored.get("isDone").bool()).isTrue();
    assertThat(stored.get("workerID").s()).isEqualTo("W1");
    assertThat(stored.get("hitDatasetName").s()).isEqualTo("demo");
  }

  @Test
  void poisonRecord_goesToDeadLetters_andTheNextPageIsStillWritten() {
    send(topics.pages.name(), "ann-poison", new byte[] {9, 9, 9});
    sendPage(page("ann-poison", 1, 5));

    await(() -> reader().read("ann-poison", 1));

    try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
        kafka.bootstrapServers(), "group.id", "dl-reader", "auto.offset.reset", "earliest"),
        topics.deadLetters.keySerde().deserializer(), topics.deadLetters.valueSerde().deserializer())) {
      consumer.subscribe(List.of(topics.deadLetters.name()));
      List<DeadLetter> letters = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (letters.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> letters.add(r.value()));
      }
      assertThat(letters).hasSize(1);
      assertThat(letters.get(0).getReason()).isEqualTo("undecodable");
      assertThat(letters.get(0).getSource()).isEqualTo("page-assembler");
      assertThat(letters.get(0).getOriginTopic()).isEqualTo("pages");
    }
  }
}
