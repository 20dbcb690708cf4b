package io.byproduct.streamprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.localinfra.Await;
import io.byproduct.localinfra.ChildJvm;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.schemas.batch.Batches;
import io.byproduct.schemas.batch.InteractionBatch;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.topics.Topics;
import io.byproduct.streamprocessor.app.CaptureStreams;
import io.byproduct.streamprocessor.topology.CaptureOptions;
import io.byproduct.streamprocessor.topology.CaptureTopology;
import io.byproduct.streamprocessor.topology.Frames;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Fault: one of two stream-processor instances is killed (SIGKILL, a child JVM) while workers'
 * events flow. The survivor takes over its tasks in a rebalance, and the pages topic (committed
 * transactions) holds every page exactly once, equal to what the pure topology folds from the same
 * events in {@link TopologyTestDriver} (the oracle).
 *
 * <p>A page record holds nothing that depends on processing time: its fields come from the events
 * (client times, ids, counts of distinct events). Only ABANDONED pages (emitted by a wall-clock
 * punctuation after {@code abandon-after}, 30 min here) and the periodic {@code images} updates do,
 * and neither is compared. So the pages are compared whole ({@code equals} of the Avro records).
 */
class StreamProcessorKillIT {

  private static final int ANNOTATIONS = 48;
  private static final int PAGES = 2;
  private static final int PARTITIONS = 4;
  private static final String APPLICATION_ID = "stream-processor";
  private final Topics topics = Topics.defaults();

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void instanceKilledMidLoad_survivorTakesOver_andEveryPageIsOutOnce_asTheOracleFoldsIt(@TempDir Path tmp)
      throws Exception {
    // as the gateway writes them: one InteractionBatch per frame; the oracle folds the same events one by one
    List<List<InteractionEvent>> frames = Frames.of(SimulatedWorkers.inWaves(ANNOTATIONS, PAGES, 8, 14), 30);
    List<InteractionEvent> events = frames.stream().flatMap(List::stream).toList();
    Map<String, PageRecord> expected = oracle(events);
    assertThat(expected).hasSize(ANNOTATIONS * PAGES);

    try (LocalKafka kafka = LocalKafka.start()) {
      List<String> common = List.of(
          "--byproduct.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
          "--byproduct.provisioning.create-missing=true",
          "--byproduct.topics.partitions=" + PARTITIONS,
          // the broker notices the killed member after this (the default is 45 s)
          "--byproduct.kafka.properties[session.timeout.ms]=10000");
      try (ChildJvm doomed = ChildJvm.start(StreamProcessorApplication.class.getName(), List.of("-Xmx384m"),
          with(common, "--byproduct.stream-processor.state-dir=" + tmp.resolve("a")),
          Path.of("target", "fault-logs", "stream-processor-killed.log"))) {
        doomed.awaitLog("REBALANCING -> RUNNING", Duration.ofMinutes(2));
        ConfigurableApplicationContext survivor = StreamProcessorApplication.builder()
            .run(with(common, "--byproduct.stream-processor.state-dir=" + tmp.resolve("b")).toArray(String[]::new));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
            KafkaConsumer<String, PageRecord> committed = pagesConsumer(kafka, "read_committed")) {
          Await.until("both instances own interactions partitions", Duration.ofMinutes(2),
              () -> instancesOwningInteractions(admin).size() == 2);

          AtomicInteger sent = new AtomicInteger();
          AtomicReference<Throwable> producerFailure = new AtomicReference<>();
          Thread producer = new Thread(() -> produce(kafka, frames, sent, producerFailure), "workers");
          producer.start();

          // killed once its first pages are out, while events still arrive and are being folded
          List<PageRecord> pages = new ArrayList<>();
          Await.until("the first wave's pages out", Duration.ofMinutes(3), () -> {
            committed.poll(Duration.ofMillis(200)).forEach(r -> pages.add(r.value()));
            return pages.size() >= 8;
          });
          Await.until("both still own partitions when one is killed", Duration.ofMinutes(1),
              () -> instancesOwningInteractions(admin).size() == 2);
          doomed.kill();
          int pagesAtKill = pages.size();
          int sentAtKill = sent.get();
          assertThat(pagesAtKill).as("the kill happens mid-load").isLessThan(expected.size());

          Await.until("every page out", Duration.ofMinutes(4), () -> {
            committed.poll(Duration.ofMillis(200)).forEach(r -> pages.add(r.value()));
            return pages.size() >= expected.size();
          });
          producer.join(Duration.ofMinutes(1).toMillis());
          assertThat(producerFailure.get()).isNull();
          assertThat(sent.get()).isEqualTo(events.size());
          long quiet = System.nanoTime() + Duration.ofSeconds(5).toNanos();
          while (System.nanoTime() < quiet) {   // anything doubled would show up here
            committed.poll(Duration.ofMillis(200)).forEach(r -> pages.add(r.value()));
          }

          Map<String, PageRecord> actual = new HashMap<>();
          pages.forEach(p -> assertThat(actual.put(key(p), p)).as("page %s out twice", key(p)).isNull());
          assertThat(actual.keySet()).isEqualTo(expected.keySet());
          expected.forEach((key, page) -> assertThat(actual.get(key)).as(key).isEqualTo(page));

          assertThat(survivor.getBean(CaptureStreams.class).state()).isEqualTo(KafkaStreams.State.RUNNING);
          assertThat(instancesOwningInteractions(admin)).as("the survivor owns every partition").hasSize(1);
          assertThat(ownersOfInteractions(admin).stream().flatMap(m -> m.assignment().topicPartitions().stream())
              .filter(tp -> tp.topic().equals(topics.interactions.name()))).hasSize(PARTITIONS);
          System.out.printf("stream-processor kill: %d events (%d sent before the kill), %d pages (%d out before "
              + "the kill); transactions by state: %s%n", events.size(), sentAtKill, pages.size(), pagesAtKill,
              transactionStates(admin));
        } finally {
          survivor.close();
        }
      }
    }
  }

  private static List<String> with(List<String> args, String more) {
    return Stream.concat(args.stream(), Stream.of(more)).toList();
  }

  private static String key(PageRecord page) {
    return page.getAnnotationId() + "|" + page.getPageNo();
  }

  /** The pages the pure topology folds from the events, in TopologyTestDriver. */
  private Map<String, PageRecord> oracle(List<InteractionEvent> events) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "oracle");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    Map<String, PageRecord> pages = new HashMap<>();
    // the application's defaults (StreamProcessorProperties)
    try (TopologyTestDriver driver = new TopologyTestDriver(CaptureTopology.build(topics, CaptureOptions.defaults(), false),
        props, Instant.ofEpochMilli(SimulatedWorkers.T0))) {
      TestInputTopic<String, InteractionEvent> input = driver.createInputTopic(topics.interactions.name(),
          Serdes.String().serializer(), topics.interactions.valueSerde().serializer());
      events.forEach(e -> input.pipeInput(e.getAnnotationId(), e, e.getGatewayTime()));
      driver.createOutputTopic(topics.pages.name(), Serdes.String().deserializer(), topics.pages.valueSerde().deserializer())
          .readValuesToList().forEach(p -> assertThat(pages.put(key(p), p)).isNull());
    }
    return pages;
  }

  /** Sends each frame as one batch, as a gateway does (acks=all, each acknowledged before the next); counts events. */
  private void produce(LocalKafka kafka, List<List<InteractionEvent>> frames, AtomicInteger sent,
      AtomicReference<Throwable> failure) {
    try (KafkaProducer<String, InteractionBatch> producer = new KafkaProducer<>(
        Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all", "enable.idempotence", true, "linger.ms", 5),
        topics.interactionBatches.keySerde().serializer(), topics.interactionBatches.valueSerde().serializer())) {
      for (List<InteractionEvent> frame : frames) {
        InteractionBatch batch = Batches.pack(frame);
        producer.send(new ProducerRecord<>(topics.interactionBatches.name(), batch.getAnnotationId(), batch)).get();
        sent.addAndGet(frame.size());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.set(e);
    } catch (ExecutionException | RuntimeException e) {
      failure.set(e);
    }
  }

  private KafkaConsumer<String, PageRecord> pagesConsumer(LocalKafka kafka, String isolation) {
    KafkaConsumer<String, PageRecord> consumer = new KafkaConsumer<>(Map.of(
        "bootstrap.servers", kafka.bootstrapServers(), "group.id", "pages-" + isolation,
        "auto.offset.reset", "earliest", "isolation.level", isolation),
        topics.pages.keySerde().deserializer(), topics.pages.valueSerde().deserializer());
    consumer.subscribe(List.of(topics.pages.name()));
    return consumer;
  }

  /** The broker's transactions by state (the killed instance's open one ends aborted by the coordinator). */
  private static Map<TransactionState, Long> transactionStates(Admin admin) throws Exception {
    return admin.listTransactions().all().get(30, TimeUnit.SECONDS).stream()
        .collect(Collectors.groupingBy(TransactionListing::state, TreeMap::new, Collectors.counting()));
  }

  /** The members of the stream processor's group that own partitions of the interactions topic. */
  /** The instances (not their stream threads, two each by default) that own interactions partitions. */
  private Set<String> instancesOwningInteractions(Admin admin) {
    return ownersOfInteractions(admin).stream()
        .map(m -> m.clientId().replaceFirst("-StreamThread-\\d+-consumer$", ""))
        .collect(Collectors.toSet());
  }

  private List<MemberDescription> ownersOfInteractions(Admin admin) {
    try {
      ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(APPLICATION_ID))
          .describedGroups().get(APPLICATION_ID).get(30, TimeUnit.SECONDS);
      return group.members().stream()
          .filter(m -> m.assignment().topicPartitions().stream()
              .anyMatch(tp -> tp.topic().equals(topics.interactions.name())))
          .toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

}
