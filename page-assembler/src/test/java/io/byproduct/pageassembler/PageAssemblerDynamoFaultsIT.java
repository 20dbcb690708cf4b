package io.byproduct.pageassembler;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.localinfra.Await;
import io.byproduct.localinfra.DynaliteInstall;
import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.pageassembler.FlakyDynamoProxy.Fault;
import org.springframework.kafka.listener.MessageListenerContainer;
import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.record.PageRecord;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Faults of DynamoDB under a running page assembler: writes throttled and failing for a while
 * (a proxy answering with DynamoDB's errors), and the server restarting. Nothing is lost or
 * doubled, the assembler retries (its counter shows it) and keeps going afterwards.
 */
class PageAssemblerDynamoFaultsIT {

  private static final Duration POLL_INTERVAL = Duration.ofSeconds(10);

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void throttledAndFailingWrites_areRetried_untilEveryPageIsStoredOnce() throws Exception {
    try (LocalKafka kafka = LocalKafka.start(); LocalDynamo dynamo = LocalDynamo.start();
        FlakyDynamoProxy proxy = FlakyDynamoProxy.in(dynamo.endpoint());
        DynamoDbClient client = DynamoClients.create(PageAssemblerKillIT.dynamoProperties(dynamo.endpoint()))) {
      StoredPages stored = new StoredPages(client, new Tables(PageAssemblerKillIT.dynamoProperties(dynamo.endpoint()).tables()));
      ConfigurableApplicationContext assembler = PageFixtures.startFastRetrying(kafka, proxy.endpoint());
      try {
        MeterRegistry meters = assembler.getBean(MeterRegistry.class);
        List<PageRecord> during = PageFixtures.pages("ann-flaky-", 16, 4);
        List<PageRecord> after = PageFixtures.pages("ann-after-flaky-", 8, 4);
        proxy.fail(Fault.THROTTLE);
        PageFixtures.send(kafka, during);
        // each fault answers a dozen writes, then the next; the last one stores the item but loses the answer
        for (Fault fault : List.of(Fault.THROTTLE, Fault.SERVER_ERROR, Fault.UNAVAILABLE)) {
          proxy.fail(fault);
          Await.until(fault + " answered", Duration.ofMinutes(1), () -> proxy.answered(fault) >= 12);
        }
        assertThat(stored.readable(during)).as("stored while every write was refused").isZero();
        // a lost answer stores what the assembler then retries (a batch of pages at once)
        proxy.fail(Fault.LOST_ANSWER);
        Await.until(Fault.LOST_ANSWER + " answered", Duration.ofMinutes(1), () -> proxy.answered(Fault.LOST_ANSWER) >= 12);
        proxy.fail(Fault.NONE);
        PageFixtures.send(kafka, after);

        List<PageRecord> all = concat(during, after);
        stored.awaitAll(all, Duration.ofMinutes(2));
        PageFixtures.awaitCommitted(kafka, all.size(), Duration.ofMinutes(1));
        stored.assertExactly(all);
        assertThat(PageFixtures.count(meters, "byproduct.assembler.retries")).as("assembler retries").isPositive();
        assertThat(PageFixtures.count(meters, "byproduct.assembler.written", "topic", "pages"))
            .as("pages handled").isGreaterThanOrEqualTo(all.size());
        assertThat(PageFixtures.count(meters, "byproduct.assembler.dead-lettered")).isZero();
        assertThat(assembler.getBean("pageAssemblerContainer", MessageListenerContainer.class).isRunning()).isTrue();
        System.out.printf("DynamoDB faults: %d throttled, %d 500, %d 503, %d answers lost; %.0f assembler retries%n",
            proxy.answered(Fault.THROTTLE), proxy.answered(Fault.SERVER_ERROR), proxy.answered(Fault.UNAVAILABLE),
            proxy.answered(Fault.LOST_ANSWER), PageFixtures.count(meters, "byproduct.assembler.retries"));
      } finally {
        assembler.close();
      }
    }
  }

  /**
   * DynamoDB is down for twice the consumer's {@code max.poll.interval.ms} (10 s here, 5 min by
   * default). The assembler once retried one write without polling, so the group moved on and the
   * commit after the write failed; now it polls again between attempts (from the first record not
   * written), so the group keeps it, and it must go on all the same either way.
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void dynamoServerDownLongerThanThePollInterval_thenRestarted_theAssemblerGoesOn_nothingLostOrDoubled(@TempDir Path data) throws Exception {
    DynaliteInstall install = DynaliteInstall.locate();
    LocalDynamo dynamo = LocalDynamo.start(install, data, 0);
    String endpoint = dynamo.endpoint();
    try (LocalKafka kafka = LocalKafka.start();
        DynamoDbClient client = DynamoClients.create(PageAssemblerKillIT.dynamoProperties(endpoint))) {
      StoredPages stored = new StoredPages(client, new Tables(PageAssemblerKillIT.dynamoProperties(endpoint).tables()));
      ConfigurableApplicationContext assembler = PageAssemblerApplication.builder()
          .run(PageFixtures.args(kafka, endpoint, 2, PageFixtures.FAST_RETRIES[0], PageFixtures.FAST_RETRIES[1],
              // the outage below outlasts this: the group moves on while a write is being retried
              "--byproduct.kafka.properties[max.poll.interval.ms]=" + POLL_INTERVAL.toMillis())
              .toArray(String[]::new));
      try {
        MeterRegistry meters = assembler.getBean(MeterRegistry.class);
        List<PageRecord> before = PageFixtures.pages("ann-before-", 8, 4);
        List<PageRecord> during = PageFixtures.pages("ann-during-", 8, 4);
        List<PageRecord> after = PageFixtures.pages("ann-after-", 8, 4);
        PageFixtures.send(kafka, before);
        stored.awaitAll(before, Duration.ofMinutes(1));

        dynamo.close();
        long down = System.nanoTime();
        PageFixtures.send(kafka, during);
        Await.until("the assembler retrying against the stopped server", Duration.ofMinutes(1),
            () -> PageFixtures.count(meters, "byproduct.assembler.retries") >= 3);
        Thread.sleep(Math.max(0, POLL_INTERVAL.multipliedBy(2).toMillis() - (System.nanoTime() - down) / 1_000_000));
        dynamo = LocalDynamo.start(install, data, URI.create(endpoint).getPort());
        assertThat(dynamo.endpoint()).as("the same port again").isEqualTo(endpoint);

        stored.awaitAll(concat(before, during), Duration.ofMinutes(2));
        PageFixtures.send(kafka, after);
        List<PageRecord> all = concat(concat(before, during), after);
        stored.awaitAll(all, Duration.ofMinutes(2));
        PageFixtures.awaitCommitted(kafka, all.size(), Duration.ofMinutes(1));
        stored.assertExactly(all);
        assertThat(PageFixtures.count(meters, "byproduct.assembler.dead-lettered")).isZero();
        assertThat(assembler.getBean("pageAssemblerContainer", MessageListenerContainer.class).isRunning()).isTrue();
      } finally {
        assembler.close();
      }
    } finally {
      dynamo.close();
    }
  }

  private static List<PageRecord> concat(List<PageRecord> a, List<PageRecord> b) {
    List<PageRecord> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

}
