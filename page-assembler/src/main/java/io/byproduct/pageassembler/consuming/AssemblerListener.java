package io.byproduct.pageassembler.consuming;

import io.byproduct.pageassembler.writing.WriteOutcome;
import io.byproduct.schemas.deadletter.DeadLetterReason;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchAcknowledgingMessageListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.Acknowledgment;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The batch listener: stores the batch's pages and annotations ahead ({@link WriteAhead}: batch
 * puts, before any counting), then handles each record in order ({@link RecordWriter}: what was
 * not stored ahead is written, stored pages are counted), then commits the batch
 * (manual acknowledgement, after DynamoDB accepted every write). A record that fails is reported
 * to the container's error handler as a {@link BatchListenerFailedException}, which commits the
 * records before it and seeks back to it: a {@link MalformedRecord} goes to the dead letters at
 * once, a {@link StoreUnavailable} (reported DOWN by {@link WritesHealthIndicator}) or any other
 * error is retried from that record after the back-off, for as long as it takes.
 */
final class AssemblerListener implements BatchAcknowledgingMessageListener<String, byte[]> {

  private static final Logger log = LoggerFactory.getLogger(AssemblerListener.class);

  private final WriteAhead writeAhead;
  private final RecordWriter writer;
  private final WritesHealthIndicator health;
  private final MeterRegistry meters;

  AssemblerListener(WriteAhead writeAhead, RecordWriter writer, WritesHealthIndicator health, MeterRegistry meters) {
    this.writeAhead = writeAhead;
    this.writer = writer;
    this.health = health;
    this.meters = meters;
  }

  @Override
  public void onMessage(List<ConsumerRecord<String, byte[]>> records, Acknowledgment acknowledgment) {
    Map<ConsumerRecord<String, byte[]>, WriteOutcome> writtenAhead = writeAhead.write(records);
    for (ConsumerRecord<String, byte[]> record : records) {
      write(record, writtenAhead.get(record));
    }
    try {
      acknowledgment.acknowledge();
    } catch (CommitFailedException | RebalanceInProgressException e) {
      meters.counter("byproduct.assembler.commits-refused").increment();
      log.warn("The group moved on before the batch's offsets were committed ({}); the records may be delivered "
          + "again and change nothing", e.getMessage());
    }
  }

  private void write(ConsumerRecord<String, byte[]> record, WriteOutcome writtenAhead) {
    try {
      WriteOutcome outcome = writer.write(record, writtenAhead);
      meters.counter("byproduct.assembler.written", "topic", record.topic(), "outcome", outcome.name()).increment();
      health.succeeded();
    } catch (SerializationException | IllegalArgumentException e) {
      throw failed(record, new MalformedRecord(DeadLetterReason.UNDECODABLE, e.getMessage(), e));
    } catch (SdkException e) {
      if (RefusedRecords.isRefusedForItsContent(e)) {
        throw failed(record, new MalformedRecord(DeadLetterReason.REFUSED_BY_DYNAMODB, e.getMessage(), e));
      }
      String reason = RefusedRecords.describe(e);
      health.failed(reason);
      meters.counter("byproduct.assembler.retries", "topic", record.topic()).increment();
      log.warn("DynamoDB refuses writes ({}); nothing is dead-lettered or committed, the assembler retries from {}-{}@{}"
          + " after a back-off", reason, record.topic(), record.partition(), record.offset());
      throw failed(record, new StoreUnavailable(reason, e));
    } catch (RuntimeException e) {
      // a bug or a client in a bad state: retried from this record after the back-off, never skipped
      meters.counter("byproduct.assembler.restarts").increment();
      log.error("Writing {}-{}@{} failed unexpectedly; it is retried after a back-off (records delivered again change"
          + " nothing)", record.topic(), record.partition(), record.offset(), e);
      throw failed(record, e);
    }
  }

  private static BatchListenerFailedException failed(ConsumerRecord<String, byte[]> record, RuntimeException cause) {
    return new BatchListenerFailedException(cause.getMessage(), cause, record);
  }
}
