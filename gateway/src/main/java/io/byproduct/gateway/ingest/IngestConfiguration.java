package io.byproduct.gateway.ingest;

import io.byproduct.gateway.GatewayProperties;
import io.byproduct.gateway.connections.ClientAddress;
import io.byproduct.gateway.connections.ConnectionLimit;
import io.byproduct.gateway.connections.ConnectionProperties;
import io.byproduct.gateway.connections.WebSocketGate;
import io.byproduct.platform.config.KafkaProperties;
import io.byproduct.platform.topics.TopicProvisioner;
import io.byproduct.platform.workers.AssignmentBinding;
import io.byproduct.platform.workers.WorkerPseudonyms;
import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.batch.InteractionRecords;
import io.byproduct.schemas.record.SandboxAnnotation;
import io.byproduct.schemas.topics.Topic;
import io.byproduct.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.WebsocketServerSpec;

/** Wires the ingest: producers, pseudonyms, decoders, the WebSocket endpoint and its limits. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

  @Bean
  WorkerPseudonyms workerPseudonyms(GatewayProperties gateway) {
    return WorkerIdKeyException.pseudonymsFor(gateway.workerIdKey());
  }

  /** The assignment binding, under a key derived from the (checked) worker-id key. */
  @Bean
  AssignmentBinding assignmentBinding(GatewayProperties gateway, WorkerPseudonyms checkedKey) {
    return new AssignmentBinding(gateway.workerIdKey());
  }

  /** Writes both formats of the interactions topic: a frame's batch, and the seed API's single events. */
  @Bean(destroyMethod = "close")
  Producer<String, SpecificRecord> interactionsProducer(KafkaProperties kafka, IngestProperties ingest, Topics topics) {
    return producer(topics.interactions.keySerde().serializer(), InteractionRecords.serializer(), kafka, ingest,
        "byproduct-gateway-interactions");
  }

  @Bean(destroyMethod = "close")
  Producer<String, DeadLetter> deadLetterProducer(KafkaProperties kafka, IngestProperties ingest, Topics topics) {
    return producer(topics.deadLetters, kafka, ingest, "byproduct-gateway-dead-letters");
  }

  /** Sandbox-mode submits ({@code POST /api/annotations}). */
  @Bean(destroyMethod = "close")
  Producer<String, SandboxAnnotation> sandboxProducer(KafkaProperties kafka, IngestProperties ingest, Topics topics) {
    return producer(topics.sandbox, kafka, ingest, "byproduct-gateway-sandbox");
  }

  @Bean(destroyMethod = "dispose")
  Scheduler ingestSender() {
    return Schedulers.newBoundedElastic(Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE, Schedulers.DEFAULT_BOUNDED_ELASTIC_QUEUESIZE,
        "ingest-send");
  }

  @Bean
  IngestMetrics ingestMetrics(MeterRegistry registry) {
    return new IngestMetrics(registry);
  }

  @Bean
  HelloDecoder helloDecoder(WorkerPseudonyms pseudonyms, AssignmentBinding binding) {
    return new HelloDecoder(pseudonyms, binding);
  }

  @Bean
  FrameDecoder frameDecoder(IngestProperties ingest) {
    return new FrameDecoder(ingest);
  }

  @Bean
  EventPublisher eventPublisher(Producer<String, SpecificRecord> interactionsProducer, Topics topics) {
    return new EventPublisher(interactionsProducer, topics.interactions.name());
  }

  @Bean
  IngestServices ingestServices(HelloDecoder hellos, FrameDecoder frames, IngestProperties ingest, Topics topics,
      EventPublisher publisher, Producer<String, DeadLetter> deadLetterProducer,
      WorkerPseudonyms pseudonyms, IngestMetrics metrics, Scheduler ingestSender) {
    Clock clock = Clock.systemUTC();
    return new IngestServices(
        new MessageDecoder(hellos, frames, ingest, clock),
        publisher,
        new DeadLetters(deadLetterProducer, topics.deadLetters.name(), new WorkerIdScrubber(pseudonyms), clock, ingestSender),
        metrics, ingest, ingestSender);
  }

  @Bean
  BatchIngest batchIngest(HelloDecoder hellos, FrameDecoder frames, IngestServices services) {
    return new BatchIngest(hellos, frames, services, Clock.systemUTC());
  }

  @Bean
  OpenConnections openIngestConnections() {
    return new OpenConnections();
  }

  /**
   * {@code /ingest/ws}: at most {@code byproduct.gateway.connections.max-ingest} connections, {@code
   * max-ingest-per-address} from one client address, admitted before the upgrade.
   */
  @Bean
  HandlerMapping ingestWebSocketMapping(IngestServices services, OpenConnections connections, IngestProperties ingest,
      ConnectionProperties bounds, ClientAddress addresses, MeterRegistry registry) {
    ConnectionLimit limit = new ConnectionLimit("ingest-ws", bounds.maxIngest(), bounds.maxIngestPerAddress(), registry);
    WebSocketGate gate = new WebSocketGate(limit, addresses, ingestWebSocketService(ingest),
        new IngestWebSocketHandler(services, connections));
    return new SimpleUrlHandlerMapping(Map.of(IngestWebSocketHandler.PATH, gate), -1);
  }

  /**
   * Lets WebSocket messages up to four times the frame limit through (so that oversized frames get
   * an answer rather than a closed connection) and offers permessage-deflate, with the inflated
   * size bounded by the same limit.
   */
  private static WebSocketService ingestWebSocketService(IngestProperties ingest) {
    return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(() -> WebsocketServerSpec.builder()
        .maxFramePayloadLength(ingest.webSocketMessageLimit())
        .compress(ingest.websocketCompression())
        .maxDecompressionBufferSize(ingest.webSocketMessageLimit())));
  }

  private static <V> Producer<String, V> producer(Topic<String, V> topic, KafkaProperties kafka, IngestProperties ingest,
      String clientId) {
    return producer(topic.keySerde().serializer(), topic.valueSerde().serializer(), kafka, ingest, clientId);
  }

  private static <V> Producer<String, V> producer(Serializer<String> keys, Serializer<V> values, KafkaProperties kafka,
      IngestProperties ingest, String clientId) {
    Map<String, Object> props = kafka.clientProperties();
    props.put("client.id", clientId);
    props.put("linger.ms", "5");
    props.put("compression.type", "lz4");
    props.put("max.block.ms", "10000");
    // a page PUT of the original front end is one record of up to a few MB (the topic allows as much)
    props.put("max.request.size", String.valueOf(TopicProvisioner.MAX_RECORD_BYTES));
    props.putAll(ingest.producer());
    props.put("acks", "all");
    props.put("enable.idempotence", "true");
    return new KafkaProducer<>(props, keys, values);
  }
}
