package io.byproduct.analytics.replay;

import io.byproduct.analytics.AnalyticsException;
import io.byproduct.analytics.kafka.KafkaOptions;
import io.byproduct.analytics.kafka.PartitionRange;
import io.byproduct.analytics.kafka.RangeReader;
import io.byproduct.analytics.kafka.Ranges;
import io.byproduct.schemas.batch.InteractionBatch;
import io.byproduct.schemas.batch.InteractionRecords;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.topics.Topics;
import io.byproduct.streamprocessor.topology.CaptureTopology;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The replay's first step: copies the range of the source's {@code interactions}, record for record
 * (same partition, key, value bytes, timestamp and headers), into the replay's input topic; with a
 * dataset, the events of other datasets (and undecodable ones) are left out.
 */
final class RangeCopy {

  /** What the copy did. */
  record Copied(List<PartitionRange> ranges, long events, long leftOut) {}

  private final KafkaOptions kafka;
  private final ReplaySettings settings;

  RangeCopy(KafkaOptions kafka, ReplaySettings settings) {
    this.kafka = kafka;
    this.settings = settings;
  }

  Copied copy(Topics source, Topics target) throws Exception {
    Map<String, Object> consumerProps = kafka.clientProperties();
    consumerProps.put("isolation.level", "read_committed");
    consumerProps.put("enable.auto.commit", "false");
    consumerProps.put("client.id", "byproduct-analytics-replay-copy");
    Map<String, Object> producerProps = kafka.clientProperties();
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    producerProps.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    producerProps.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    producerProps.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(CaptureTopology.MAX_RECORD_BYTES));
    producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "byproduct-analytics-replay-copy");
    long[] counts = new long[2];
    List<PartitionRange> ranges;
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
            new ByteArraySerializer())) {
      ranges = Ranges.resolve(consumer, source.interactions.name(), settings.range());
      new RangeReader<>(consumer, source.interactions.name()).read(ranges, Map.of(), record -> {
        if (settings.dataset() != null && !inDataset(record.value())) {
          counts[1]++;
          return;
        }
        producer.send(new ProducerRecord<>(target.interactions.name(), record.partition(), record.timestamp(),
            record.key(), record.value(), record.headers()), (metadata, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
              }
            });
        counts[0]++;
        if (failure.get() != null) {
          throw failure.get();
        }
      }, positions -> { });
      producer.flush();
    }
    if (failure.get() != null) {
      throw AnalyticsException.unavailable("copying the range failed: " + failure.get().getMessage(), failure.get());
    }
    return new Copied(ranges, counts[0], counts[1]);
  }

  /** Whether the record (a batch or a single event) belongs to the dataset. */
  private boolean inDataset(byte[] value) {
    try {
      Object record = value == null ? null : InteractionRecords.decode(value);
      String dataset = record instanceof InteractionBatch batch ? batch.getHitDatasetName()
          : record instanceof InteractionEvent event ? event.getHitDatasetName() : null;
      return settings.dataset().equals(dataset);
    } catch (SerializationException undecodable) {
      return false;
    }
  }
}
