package io.byproduct.pageassembler.counting;

import io.byproduct.platform.catalog.AnnotationCounts;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.tables.Tables;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@Configuration(proxyBeanMethods = false)
class CountingConfiguration {

  /** The per-image count updates of one page run in parallel on these threads. */
  @Bean(destroyMethod = "shutdown")
  ExecutorService countingExecutor() {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(8, r -> {
      Thread thread = new Thread(r, "page-assembler-counts-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  @Bean
  AnnotationCounter annotationCounter(DynamoDbClient dynamo, Tables tables, HitStore hits, MeterRegistry meters,
      ExecutorService countingExecutor) {
    return new AnnotationCounter(new AnnotationCounts(dynamo, tables, countingExecutor), hits, meters);
  }
}
