package io.byproduct.pageassembler.writing;

import io.byproduct.platform.tables.Tables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@Configuration
class WritersConfiguration {

  @Bean
  PageWriter pageWriter(DynamoDbClient dynamo, Tables tables) {
    return new PageWriter(dynamo, tables);
  }

  @Bean
  PageBatchWriter pageBatchWriter(DynamoDbClient dynamo, Tables tables) {
    return new PageBatchWriter(dynamo, tables);
  }

  @Bean
  SandboxWriter sandboxWriter(DynamoDbClient dynamo, Tables tables) {
    return new SandboxWriter(dynamo, tables);
  }

  @Bean
  QualityWriter qualityWriter(DynamoDbClient dynamo, Tables tables) {
    return new QualityWriter(dynamo, tables, java.time.Clock.systemUTC());
  }

  @Bean
  AnnotationWriter annotationWriter(DynamoDbClient dynamo, Tables tables) {
    return new AnnotationWriter(dynamo, tables);
  }
}
