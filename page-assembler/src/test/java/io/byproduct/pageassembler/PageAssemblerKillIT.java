package io.byproduct.pageassembler;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.localinfra.ChildJvm;
import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.pages.PageItems;
import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.record.PageRecord;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Fault: the page assembler is killed after writing to DynamoDB and before committing the offset
 * ({@link HaltingPageAssembler} in a child JVM, halted by {@code Runtime.halt}), once right after
 * a page's head item and once between the parts of an oversized page and its head. A new instance
 * takes over; every page of the topic is then in DynamoDB exactly once and reads back as sent.
 */
class PageAssemblerKillIT {

  static DynamoProperties dynamoProperties(String endpoint) {
    return new DynamoProperties(URI.create(endpoint), "us-east-1", "local", "local", Duration.ofSeconds(10),
        new DynamoProperties.TableNames("ImageNetHIT", "ImageNetAnnotation", "ImageNetAnnotationPage"));
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void killedAfterWritingAPage_andMidPage_beforeCommitting_theNextInstanceStoresEveryPageOnce() throws Exception {
    // one partition: the assembler meets the pages in this order
    List<PageRecord> pages = PageFixtures.pages("ann-kill-", 12, 5);
    PageRecord large = pages.get(4);
    assertThat(PageItems.itemsOf(large)).as("an oversized page: parts, then a head").hasSizeGreaterThan(2);
    assertThat(PageItems.itemsOf(pages.get(3))).hasSize(1);

    try (LocalKafka kafka = LocalKafka.start(); LocalDynamo dynamo = LocalDynamo.start();
        DynamoDbClient client = DynamoClients.create(dynamoProperties(dynamo.endpoint()))) {
      List<String> args = PageFixtures.args(kafka, dynamo.endpoint(), 1);
      StoredPages stored = new StoredPages(client, new Tables(dynamoProperties(dynamo.endpoint()).tables()));

      // 1. halted right after the write that stored the third page's head (pages are written in batches:
      //    that write may have stored the fourth too): pages stored whose offsets are not committed
      List<PageRecord> small = pages.subList(0, 4);
      try (ChildJvm first = haltingAssembler("-Dfault.halt-after-page-heads=3", args, "page-assembler-halted-after-head")) {
        first.awaitLog("Page assembler consuming", Duration.ofMinutes(2));   // it has created the topics
        PageFixtures.send(kafka, small);
        assertThat(first.awaitExit(Duration.ofMinutes(2))).isEqualTo(HaltingPageAssembler.EXIT_CODE);
        assertThat(first.logText()).contains(HaltingPageAssembler.HALTED + "ImageNetAnnotationPage ann-kill-");
      }
      int storedFirst = stored.readable(pages);
      assertThat(storedFirst).isBetween(3, 4);
      assertThat(PageFixtures.committedPages(kafka)).as("committed offsets").isLessThan(storedFirst);

      // 2. halted between the first part of the oversized page and its head
      PageFixtures.send(kafka, pages.subList(4, pages.size()));
      try (ChildJvm second = haltingAssembler("-Dfault.halt-after-page-parts=1", args, "page-assembler-halted-mid-page")) {
        assertThat(second.awaitExit(Duration.ofMinutes(2))).isEqualTo(HaltingPageAssembler.EXIT_CODE);
        assertThat(second.logText()).contains(HaltingPageAssembler.HALTED + "ImageNetAnnotationPage ann-kill-4 0005#01");
      }
      // the fourth page's head may come in the same batch, after every part: then it is not stored either
      assertThat(stored.readable(pages)).as("no page of the second send stored").isBetween(storedFirst, 4);
      assertThat(stored.itemKeys()).contains("ann-kill-4/0005#01").doesNotContain("ann-kill-4/0005");
      assertThat(PageFixtures.committedPages(kafka)).isLessThanOrEqualTo(4);

      // 3. a new instance takes over
      ConfigurableApplicationContext assembler = PageAssemblerApplication.builder().run(args.toArray(String[]::new));
      try {
        stored.awaitAll(pages, Duration.ofMinutes(2));
        PageFixtures.awaitCommitted(kafka, pages.size(), Duration.ofMinutes(1));
        stored.assertExactly(pages);
      } finally {
        assembler.close();
      }
    }
  }

  private static ChildJvm haltingAssembler(String fault, List<String> args, String name) {
    return ChildJvm.start(HaltingPageAssembler.class.getName(), List.of("-Xmx256m", fault), args,
        Path.of("target", "fault-logs", name + ".log"));
  }
}
