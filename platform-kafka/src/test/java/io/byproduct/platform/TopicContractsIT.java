package io.byproduct.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.localinfra.LocalKafka;
import io.byproduct.platform.config.TopicsProperties;
import io.byproduct.platform.topics.TopicProvisioner;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.event.SelectionToggled;
import io.byproduct.schemas.topics.Topic;
import io.byproduct.schemas.topics.Topics;
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

/** The contracts of the schemas and platform-kafka modules on a real broker. */
class TopicContractsIT {

  private static LocalKafka kafka;
  private static Admin admin;

  @BeforeAll
  static void startInfrastructure() {
    kafka = LocalKafka.start();
    admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
  }

  @AfterAll
  static void stopInfrastructure() {
    admin.close();
    kafka.close();
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
}
