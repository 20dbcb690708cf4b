package io.byproduct.pageassembler.consuming;

import io.byproduct.pageassembler.PageAssemblerProperties;
import io.byproduct.pageassembler.counting.AnnotationCounter;
import io.byproduct.pageassembler.writing.AnnotationWriter;
import io.byproduct.pageassembler.writing.PageBatchWriter;
import io.byproduct.pageassembler.writing.PageWriter;
import io.byproduct.pageassembler.writing.QualityWriter;
import io.byproduct.pageassembler.writing.SandboxWriter;
import io.byproduct.platform.config.KafkaProperties;
import io.byproduct.platform.config.TopicsProperties;
import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The page assembler on spring-kafka's listener container: one consumer (committed transactions
 * only) on {@code pages}, {@code annotations} and {@code sandbox-annotations}; a batch listener
 * ({@link AssemblerListener}) that acknowledges after DynamoDB accepted the batch (manual,
 * immediate commits); the library's {@link DefaultErrorHandler} with an exponential back-off that
 * never gives up ({@code initial-backoff} doubling to {@code max-backoff}), and a
 * {@link DeadLetterRecoverer} for what is malformed, which is not retried.
 */
@Configuration
class ListenerContainerConfiguration {

  /** The container's bean name; its {@code isRunning()} says whether the assembler consumes. */
  static final String CONTAINER = "pageAssemblerContainer";
  private static final Logger log = LoggerFactory.getLogger(ListenerContainerConfiguration.class);

  @Bean
  RecordWriter recordWriter(Topics topics, PageWriter pages, AnnotationWriter annotations, SandboxWriter sandbox,
      AnnotationCounter counter, QualityWriter quality) {
    return new RecordWriter(topics, pages, annotations, sandbox, counter, quality);
  }

  @Bean
  WriteAhead writeAhead(Topics topics, PageBatchWriter pages, AnnotationWriter annotations, MeterRegistry meters) {
    return new WriteAhead(topics, pages, annotations, meters);
  }

  @Bean
  KafkaTemplate<String, DeadLetter> deadLetterTemplate(KafkaProperties kafka, Topics topics) {
    Map<String, Object> config = kafka.clientProperties();
    config.put("acks", "all");
    config.put("enable.idempotence", true);
    return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config,
        topics.deadLetters.keySerde().serializer(), topics.deadLetters.valueSerde().serializer()));
  }

  @Bean
  DefaultErrorHandler assemblerErrorHandler(KafkaTemplate<String, DeadLetter> deadLetterTemplate, Topics topics,
      PageAssemblerProperties props, MeterRegistry meters) {
    ExponentialBackOff backOff = new ExponentialBackOff(props.initialBackoff().toMillis(), 2.0);
    backOff.setMaxInterval(props.maxBackoff().toMillis());   // and no end: a record is never skipped
    DefaultErrorHandler handler = new DefaultErrorHandler(
        new DeadLetterRecoverer(deadLetterTemplate, topics.deadLetters.name(), meters, Clock.systemUTC()), backOff);
    handler.addNotRetryableExceptions(MalformedRecord.class);
    handler.setLogLevel(KafkaException.Level.DEBUG);   // the listener logs each failure with its reason
    return handler;
  }

  @Bean(CONTAINER)
  ConcurrentMessageListenerContainer<String, byte[]> pageAssemblerContainer(KafkaProperties kafka,
      TopicsProperties topicProps, Topics topics, PageAssemblerProperties props, DefaultErrorHandler assemblerErrorHandler,
      RecordWriter writer, WriteAhead writeAhead, WritesHealthIndicator health, MeterRegistry meters) {
    String groupId = props.groupId().isBlank() ? topicProps.prefix() + "page-assembler" : props.groupId();
    Map<String, Object> config = kafka.clientProperties();
    config.put("group.id", groupId);
    config.put("enable.auto.commit", false);
    config.put("isolation.level", "read_committed");
    config.put("auto.offset.reset", "earliest");
    config.put("max.poll.records", 100);

    ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new ByteArrayDeserializer()));
    factory.setBatchListener(true);
    factory.setConcurrency(1);
    factory.setCommonErrorHandler(assemblerErrorHandler);
    ContainerProperties containerProps = factory.getContainerProperties();
    containerProps.setAckMode(ContainerProperties.AckMode.MANUAL_IMMEDIATE);
    containerProps.setPollTimeout(props.pollTimeout().toMillis());
    containerProps.setSyncCommits(true);

    ConcurrentMessageListenerContainer<String, byte[]> container =
        factory.createContainer(topics.pages.name(), topics.annotations.name(), topics.sandbox.name(),
            topics.qualityImages.name(), topics.qualityWorkers.name(), topics.qualityAssignments.name());
    container.setupMessageListener(new AssemblerListener(writeAhead, writer, health, meters));
    container.getContainerProperties().setGroupId(groupId);
    log.info("Page assembler consuming {}, {}, {} and the quality topics as group '{}'", topics.pages,
        topics.annotations, topics.sandbox, groupId);
    return container;
  }
}
