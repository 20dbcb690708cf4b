package io.byproduct.pageassembler;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.deadletter.DeadLetters;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Dead letters of the page assembler on a real broker. A page record over the dead-letter topic's 1 MB record limit that cannot be decoded (its schema
 * fingerprint is unknown) must reach the dead letters — its first 64 KiB, marked truncated — and
 * the assembler must go on with the next page. Before the shared contract capped the payload, the
 * letter carried the whole record, its send failed, and the assembler rewound to it forever.
 */
class PageAssemblerOversizedDeadLetterIT {

  private static final Topics TOPICS = Topics.defaults();

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void undecodablePageOver1MB_isDeadLetteredCut_andTheNextPageIsStored() throws Exception {
    try (LocalKafka kafka = LocalKafka.start(); LocalDynamo dynamo = LocalDynamo.start();
        ConfigurableApplicationContext assembler = PageFixtures.startFastRetrying(kafka, dynamo.endpoint())) {
      byte[] oversized = TOPICS.pages.valueSerde().serializer().serialize("pages", PageAssemblerIT.page("ann-huge", 1, 2500));
      Arrays.fill(oversized, 2, 10, (byte) 0);   // an unknown schema fingerprint: undecodable
      assertThat(oversized.length).isGreaterThan(1024 * 1024);
      sendRaw(kafka, "ann-huge", oversized);
      List<PageRecord> next = PageFixtures.pages("ann-after-huge-", 2, 0);
      PageFixtures.send(kafka, next);

      StoredPages stored = new StoredPages(assembler.getBean(DynamoDbClient.class), assembler.getBean(Tables.class));
      stored.awaitAll(next, Duration.ofMinutes(1));
      PageFixtures.awaitCommitted(kafka, 1 + next.size(), Duration.ofMinutes(1));

      List<DeadLetter> letters = deadLetters(kafka, 1);
      assertThat(letters).hasSize(1);
      DeadLetter letter = letters.get(0);
      assertThat(letter.getSource()).isEqualTo("page-assembler");
      assertThat(letter.getReason()).isEqualTo("undecodable");
      assertThat(letter.getKey()).isEqualTo("ann-huge");
      assertThat(letter.getOriginTopic()).isEqualTo("pages");
      assertThat(letter.getOriginOffset()).isZero();
      assertThat(letter.getPayloadTruncated()).isTrue();
      assertThat(letter.getPayloadText()).isNull();
      byte[] kept = new byte[letter.getPayload().remaining()];
      letter.getPayload().duplicate().get(kept);
      assertThat(kept).isEqualTo(Arrays.copyOf(oversized, DeadLetters.MAX_PAYLOAD_BYTES));
      assertThat(PageFixtures.count(assembler.getBean(MeterRegistry.class), "byproduct.assembler.dead-lettered",
          "reason", "undecodable")).isEqualTo(1);
      stored.assertExactly(next);
    }
  }

  /**
   * Nothing acknowledged is dropped without its dead letter: while the broker refuses the letter
   * (here the topic takes no record at all), the malformed record is not committed and the page
   * behind it waits to be committed (it may be stored ahead); once the letter can be written, both go through.
   */
  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void deadLetterTheBrokerRefuses_theRecordIsNotCommitted_untilItsLetterIsWritten() throws Exception {
    try (LocalKafka kafka = LocalKafka.start(); LocalDynamo dynamo = LocalDynamo.start();
        Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(TOPICS.deadLetters.name(), 2, (short) 1)
          .configs(Map.of("max.message.bytes", "16")))).all().get(30, TimeUnit.SECONDS);
      try (ConfigurableApplicationContext assembler = PageFixtures.startFastRetrying(kafka, dynamo.endpoint())) {
        MeterRegistry meters = assembler.getBean(MeterRegistry.class);
        sendRaw(kafka, "ann-stuck", new byte[] {9, 9, 9});
        PageRecord behind = PageAssemblerIT.page("ann-stuck", 1, 5);   // same key: same partition, after it
        PageFixtures.send(kafka, List.of(behind));
        StoredPages stored = new StoredPages(assembler.getBean(DynamoDbClient.class), assembler.getBean(Tables.class));

        Thread.sleep(5_000);
        assertThat(PageFixtures.committedPages(kafka)).as("nothing committed without its dead letter").isZero();
        // the page behind may be stored already (written ahead with its batch, issue 22: a second write of it
        // changes nothing), but it is neither committed nor counted before the record ahead has its letter
        assertThat(PageFixtures.count(meters, "byproduct.assembler.dead-lettered")).isZero();

        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, TOPICS.deadLetters.name()),
            List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "1048588"), AlterConfigOp.OpType.SET))))
            .all().get(30, TimeUnit.SECONDS);

        stored.awaitAll(List.of(behind), Duration.ofMinutes(1));
        PageFixtures.awaitCommitted(kafka, 2, Duration.ofMinutes(1));
        List<DeadLetter> letters = deadLetters(kafka, 1);
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).getReason()).isEqualTo("undecodable");
        assertThat(letters.get(0).getKey()).isEqualTo("ann-stuck");
      }
    }
  }

  private static void sendRaw(LocalKafka kafka, String key, byte[] value) throws Exception {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
        "acks", "all", "max.request.size", 16 * 1024 * 1024), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(TOPICS.pages.name(), key, value)).get();
    }
  }

  private static List<DeadLetter> deadLetters(LocalKafka kafka, int expected) {
    try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
        kafka.bootstrapServers(), "group.id", "dl-reader", "auto.offset.reset", "earliest"),
        TOPICS.deadLetters.keySerde().deserializer(), TOPICS.deadLetters.valueSerde().deserializer())) {
      consumer.subscribe(List.of(TOPICS.deadLetters.name()));
      List<DeadLetter> letters = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (letters.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> letters.add(r.value()));
      }
      consumer.poll(Duration.ofMillis(500)).forEach(r -> letters.add(r.value()));   // and nothing more
      return letters;
    }
  }
}
