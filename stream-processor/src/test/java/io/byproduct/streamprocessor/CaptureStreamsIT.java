package io.byproduct.streamprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.localinfra.LocalKafka;
import io.byproduct.schemas.event.HoverChanged;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.event.PageOpened;
import io.byproduct.schemas.event.PageSubmitted;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import io.byproduct.schemas.topics.Topics;
import io.byproduct.streamprocessor.app.CaptureStreams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * The stream processor as deployed: exactly-once Kafka Streams on a real single-node broker, and
 * nothing else. No DynamoDB runs here (issue 21): the service has only platform-kafka, so it starts
 * and reports healthy without one.
 */
class CaptureStreamsIT {

  private final Topics topics = Topics.defaults();

  private static InteractionEvent event(String annotation, long seq, long time, Object payload) {
    return InteractionEvent.newBuilder().setEventId("s:" + seq).setSessionId("s").setSeq(seq)
        .setAnnotationId(annotation).setHitDatasetName("demo").setImageNetHitId("hit-1").setPageNo(1)
        .setWorkerId("W").setVersion(InterfaceVersion.NO_POINTER_NO_ORIGINAL)
        .setClientTime(time).setGatewayTime(time).setPayload(payload).build();
  }

  @Test
  void pagesOfManyAnnotations_areEmittedOnceEach_underExactlyOnce(@TempDir Path state) throws Exception {
    try (LocalKafka kafka = LocalKafka.start()) {
      ConfigurableApplicationContext app = StreamProcessorApplication.builder().run(
          "--byproduct.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
          "--byproduct.provisioning.create-missing=true",
          "--byproduct.topics.partitions=3",
          "--byproduct.stream-processor.state-dir=" + state);
      try {
        int annotations = 20;
        try (KafkaProducer<String, InteractionEvent> producer = new KafkaProducer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all", "enable.idempotence", true),
            topics.interactions.keySerde().serializer(), topics.interactions.valueSerde().serializer())) {
          for (int a = 0; a < annotations; a++) {
            String id = "ann-" + a;
            List<InteractionEvent> script = List.of(
                event(id, 1, 1000, new PageOpened("c", null, List.of(), List.of("img/1", "img/2"), 1)),
                event(id, 2, 1100, new HoverChanged("img/1", true)),
                event(id, 3, 1100, new PointerSample("img/1", 0.25, 0.75)),
                event(id, 4, 1200, new HoverChanged("img/1", false)),
                event(id, 5, 1300, new PageSubmitted("page-" + a, 1000L, true)));
            for (InteractionEvent e : script) {
              producer.send(new ProducerRecord<>(topics.interactions.name(), id, e));
              producer.send(new ProducerRecord<>(topics.interactions.name(), id, e));  // every event twice
            }
          }
        }

        List<PageRecord> pages = new ArrayList<>();
        try (KafkaConsumer<String, PageRecord> consumer = new KafkaConsumer<>(Map.of(
            "bootstrap.servers", kafka.bootstrapServers(), "group.id", "pages-reader",
            "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
            topics.pages.keySerde().deserializer(), topics.pages.valueSerde().deserializer())) {
          consumer.subscribe(List.of(topics.pages.name()));
          long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
          while (pages.size() < annotations && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> pages.add(r.value()));
          }
          consumer.poll(Duration.ofSeconds(2)).forEach(r -> pages.add(r.value()));
        }

        assertThat(app.getBean(CaptureStreams.class).state()).isEqualTo(KafkaStreams.State.RUNNING);
        assertHealthyWithoutDynamo(app);
        assertThat(pages).hasSize(annotations);
        assertThat(pages).extracting(PageRecord::getAnnotationId).doesNotHaveDuplicates();
        assertThat(pages).allSatisfy(p -> {
          assertThat(p.getStatus()).isEqualTo(PageStatus.SUBMITTED);
          assertThat(p.getEventCount()).isEqualTo(5);
          assertThat(p.getImages().get(0).getMouseTracking()).hasSize(1);
          assertThat(p.getImages().get(0).getEstimateTime()).isEqualTo(100);
        });
      } finally {
        app.close();
      }
    }
  }

  /** Every health indicator UP, and none of them, nor any client or auto-configuration, is DynamoDB's. */
  private static void assertHealthyWithoutDynamo(ConfigurableApplicationContext app) {
    Map<String, HealthIndicator> indicators = app.getBeansOfType(HealthIndicator.class);
    assertThat(indicators).containsKeys("kafkaHealthIndicator", "streamsHealthIndicator")
        .doesNotContainKey("dynamoHealthIndicator");
    assertThat(indicators).allSatisfy((name, indicator) ->
        assertThat(indicator.health(false).getStatus()).as(name).isEqualTo(Status.UP));
    assertThat(app.containsBean("dynamoDbClient")).isFalse();
    assertThat(ClassUtils.isPresent("io.byproduct.platform.DynamoPlatformAutoConfiguration", null))
        .as("platform-dynamo on the stream processor's class path").isFalse();
  }
}
