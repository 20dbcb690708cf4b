package io.byproduct.pageassembler;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.localinfra.Await;
import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.pageassembler.FlakyDynamoProxy.Fault;
import io.byproduct.pageassembler.consuming.WritesHealthIndicator;
import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.record.PageRecord;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Configuration and infrastructure mistakes under a running page assembler — the page table
 * deleted, writes denied — must not drain the pages into the dead letters: the assembler stops,
 * reports DOWN with the reason, and stores every page once the mistake is put right.
 */
class PageAssemblerOutageIT {


  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void pageTableDeletedWhilePagesArrive_nothingIsDeadLettered_thenTheTableIsBack_everyPageIsStored() throws Exception {
    try (LocalKafka kafka = LocalKafka.start(); LocalDynamo dynamo = LocalDynamo.start();
        DynamoDbClient client = DynamoClients.create(PageAssemblerKillIT.dynamoProperties(dynamo.endpoint()))) {
      Tables tables = new Tables(PageAssemblerKillIT.dynamoProperties(dynamo.endpoint()).tables());
      StoredPages stored = new StoredPages(client, tables);
      ConfigurableApplicationContext assembler = PageFixtures.startFastRetrying(kafka, dynamo.endpoint());
      try {
        MeterRegistry meters = assembler.getBean(MeterRegistry.class);
        WritesHealthIndicator health = assembler.getBean(WritesHealthIndicator.class);
        List<PageRecord> before = PageFixtures.pages("ann-before-", 4, 4);
        List<PageRecord> during = PageFixtures.pages("ann-no-table-", 12, 4);
        PageFixtures.send(kafka, before);
        stored.awaitAll(before, Duration.ofMinutes(1));

        String pageTable = tables.names().page();
        client.deleteTable(b -> b.tableName(pageTable));
        Await.until("the page table gone", Duration.ofSeconds(30),
            () -> client.listTables().tableNames().stream().noneMatch(pageTable::equals));
        PageFixtures.send(kafka, during);
        Await.until("health DOWN", Duration.ofMinutes(1), () -> health.health().getStatus().equals(Status.DOWN));
        Health down = health.health();
        assertThat(String.valueOf(down.getDetails().get("reason"))).contains("ResourceNotFoundException");
        Await.until("retried a while", Duration.ofMinutes(1),
            () -> PageFixtures.count(meters, "byproduct.assembler.retries") >= 5);
        assertThat(PageFixtures.count(meters, "byproduct.assembler.dead-lettered")).as("dead letters").isZero();
        assertThat(PageFixtures.committedPages(kafka)).as("nothing committed that was not stored").isEqualTo(before.size());

        CreateTableRequest definition = tables.definitions().stream()
            .filter(d -> d.tableName().equals(pageTable)).findFirst().orElseThrow();
        client.createTable(definition);
        Await.until("the page table active", Duration.ofSeconds(30),
            () -> client.describeTable(b -> b.tableName(pageTable)).table().tableStatus() == TableStatus.ACTIVE);

        stored.awaitAll(during, Duration.ofMinutes(2));
        PageFixtures.awaitCommitted(kafka, before.size() + during.size(), Duration.ofMinutes(1));
        stored.assertExactly(during);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(PageFixtures.count(meters, "byproduct.assembler.dead-lettered")).isZero();
      } finally {
        assembler.close();
      }
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void writesDenied_nothingIsDeadLettered_andHealthNamesTheReason_untilTheyAreAllowedAgain() throws Exception {
    try (LocalKafka kafka = LocalKafka.start(); LocalDynamo dynamo = LocalDynamo.start();
        FlakyDynamoProxy proxy = FlakyDynamoProxy.in(dynamo.endpoint());
        DynamoDbClient client = DynamoClients.create(PageAssemblerKillIT.dynamoProperties(dynamo.endpoint()))) {
      StoredPages stored = new StoredPages(client, new Tables(PageAssemblerKillIT.dynamoProperties(dynamo.endpoint()).tables()));
      ConfigurableApplicationContext assembler = PageFixtures.startFastRetrying(kafka, proxy.endpoint());
      try {
        MeterRegistry meters = assembler.getBean(MeterRegistry.class);
        WritesHealthIndicator health = assembler.getBean(WritesHealthIndicator.class);
        List<PageRecord> denied = PageFixtures.pages("ann-denied-", 8, 4);
        proxy.fail(Fault.ACCESS_DENIED);
        PageFixtures.send(kafka, denied);
        Await.until("writes denied a dozen times", Duration.ofMinutes(1), () -> proxy.answered(Fault.ACCESS_DENIED) >= 12);
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(String.valueOf(health.health().getDetails().get("reason"))).contains("AccessDeniedException");
        assertThat(PageFixtures.count(meters, "byproduct.assembler.dead-lettered")).isZero();
        assertThat(stored.readable(denied)).isZero();

        proxy.fail(Fault.NONE);
        stored.awaitAll(denied, Duration.ofMinutes(2));
        PageFixtures.awaitCommitted(kafka, denied.size(), Duration.ofMinutes(1));
        stored.assertExactly(denied);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(PageFixtures.count(meters, "byproduct.assembler.dead-lettered")).isZero();
      } finally {
        assembler.close();
      }
    }
  }
}
