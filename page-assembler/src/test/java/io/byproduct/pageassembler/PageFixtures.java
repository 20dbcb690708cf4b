package io.byproduct.pageassembler;

import io.byproduct.localinfra.Await;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.topics.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.context.ConfigurableApplicationContext;

/** Pages for the fault tests, sent to the pages topic as the stream processor would, and the assembler's counters. */
final class PageFixtures {

  private static final Topics TOPICS = Topics.defaults();
  /** The assembler's default consumer group (no topic prefix). */
  static final String GROUP = "page-assembler";

  private PageFixtures() {}

  /** {@code count} pages of new annotations; every {@code largeEvery}-th one oversized (parts and a head). */
  static List<PageRecord> pages(String prefix, int count, int largeEvery) {
    List<PageRecord> pages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      boolean large = largeEvery > 0 && i % largeEvery == largeEvery - 1;
      pages.add(PageAssemblerIT.page(prefix + i, 1 + i % 10, large ? 750 : 10));
    }
    return pages;
  }

  static void send(LocalKafka kafka, List<PageRecord> pages) {
    try (KafkaProducer<String, PageRecord> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
        kafka.bootstrapServers(), "acks", "all", "enable.idempotence", true, "max.request.size", 16 * 1024 * 1024),
        TOPICS.pages.keySerde().serializer(), TOPICS.pages.valueSerde().serializer())) {
      for (PageRecord page : pages) {
        producer.send(new ProducerRecord<>(TOPICS.pages.name(), page.getAnnotationId(), page)).get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Retries of failed writes within a test's patience. */
  static final String[] FAST_RETRIES = {
      "--byproduct.page-assembler.initial-backoff=50ms", "--byproduct.page-assembler.max-backoff=1s"};

  /** The partitions of the topics in {@link #startFastRetrying}. */
  static final int FAST_PARTITIONS = 2;

  /** The page assembler on this broker and DynamoDB endpoint ({@value #FAST_PARTITIONS} partitions), retrying fast. */
  static ConfigurableApplicationContext startFastRetrying(LocalKafka kafka, String dynamoEndpoint) {
    return PageAssemblerApplication.builder().run(args(kafka, dynamoEndpoint, FAST_PARTITIONS, FAST_RETRIES)
        .toArray(String[]::new));
  }

  /** The page assembler's arguments for this broker and DynamoDB endpoint. */
  static List<String> args(LocalKafka kafka, String dynamoEndpoint, int partitions, String... more) {
    List<String> args = new ArrayList<>(List.of(
        "--byproduct.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--byproduct.dynamo.endpoint=" + dynamoEndpoint,
        "--byproduct.provisioning.create-missing=true",
        "--byproduct.topics.partitions=" + partitions));
    args.addAll(List.of(more));
    return args;
  }

  /** The offsets the assembler's group committed on the pages topic, summed over partitions. */
  static long committedPages(LocalKafka kafka) {
    try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
      return admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
          .entrySet().stream().filter(e -> e.getKey().topic().equals(TOPICS.pages.name()) && e.getValue() != null)
          .mapToLong(e -> e.getValue().offset()).sum();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits until the assembler committed the offsets of {@code count} pages (all sent were handled). */
  static void awaitCommitted(LocalKafka kafka, long count, Duration timeout) throws InterruptedException {
    Await.until("the offsets of " + count + " pages committed", timeout, () -> committedPages(kafka) >= count);
  }

  /** The sum of a counter over all its tags. */
  static double count(MeterRegistry meters, String name, String... tags) {
    return meters.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
  }
}
