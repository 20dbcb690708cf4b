package io.byproduct.pageassembler;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.localinfra.LocalKafka;
import org.springframework.kafka.listener.MessageListenerContainer;
import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.record.PageRecord;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An error the assembler does not expect (a bug, a client in a bad state) must not leave the
 * process up with a dead consumer: the container's error handler retries from the failed record
 * after the back-off (counted as {@code byproduct.assembler.restarts}), the container keeps
 * running, and every page is still stored once.
 */
class PageAssemblerRestartIT {

  @Test
  @Timeout(180)
  void anUnexpectedError_restartsTheLoop_andEveryPageIsStoredOnce() throws Exception {
    AtomicInteger failuresLeft = new AtomicInteger(2);
    try (LocalKafka kafka = LocalKafka.start(); LocalDynamo dynamo = LocalDynamo.start();
        ConfigurableApplicationContext assembler = PageAssemblerApplication.builder()
            .initializers(context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
              @Override
              public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DynamoDbClient client ? failingPuts(client, failuresLeft) : bean;
              }
            }))
            .run(PageFixtures.args(kafka, dynamo.endpoint(), 2, "--byproduct.page-assembler.initial-backoff=50ms")
                .toArray(String[]::new))) {
      List<PageRecord> pages = PageFixtures.pages("restart-", 12, 5);
      PageFixtures.send(kafka, pages);

      StoredPages stored = new StoredPages(assembler.getBean(DynamoDbClient.class), assembler.getBean(Tables.class));
      stored.awaitAll(pages, Duration.ofSeconds(120));
      PageFixtures.awaitCommitted(kafka, pages.size(), Duration.ofSeconds(60));

      stored.assertExactly(pages);
      assertThat(failuresLeft.get()).isZero();
      // the first failure may hit the batch written ahead (left to the one-by-one pass), the next a single put
      assertThat(PageFixtures.count(assembler.getBean(MeterRegistry.class), "byproduct.assembler.restarts"))
          .isBetween(1.0, 2.0);
      assertThat(assembler.getBean("pageAssemblerContainer", MessageListenerContainer.class).isRunning()).isTrue();
    }
  }

  /** A client whose first puts (single or batch) throw an exception nobody expects (not an SDK error). */
  private static DynamoDbClient failingPuts(DynamoDbClient target, AtomicInteger failuresLeft) {
    return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
        new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
          if ((method.getName().equals("putItem") || method.getName().equals("batchWriteItem"))
              && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("injected: an error the loop does not expect");
          }
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
