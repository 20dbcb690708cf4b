package io.byproduct.pageassembler.consuming;

import io.byproduct.pageassembler.writing.AnnotationWriter;
import io.byproduct.pageassembler.writing.PageBatchWriter;
import io.byproduct.pageassembler.writing.WriteOutcome;
import io.byproduct.schemas.record.AnnotationRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a polled batch's pages and annotations before the batch is handled record by record
 * ({@link RecordWriter}): the pages in batch puts ({@link PageBatchWriter}), the annotations with
 * their conditional puts in order. Both are what the survey code and the resume read, so they are
 * stored before the counting (many requests a page) of every earlier record in the batch. Only a
 * head start: whatever fails here (a record that does not decode, DynamoDB refusing the batch) is
 * left out and written record by record as before, which decides about dead letters, retries and
 * health; nothing is committed here. Metric {@code byproduct.assembler.written-ahead{topic,outcome}}.
 */
final class WriteAhead {

  private static final Logger log = LoggerFactory.getLogger(WriteAhead.class);

  private final Topics topics;
  private final PageBatchWriter pages;
  private final AnnotationWriter annotations;
  private final MeterRegistry meters;

  WriteAhead(Topics topics, PageBatchWriter pages, AnnotationWriter annotations, MeterRegistry meters) {
    this.topics = topics;
    this.pages = pages;
    this.annotations = annotations;
    this.meters = meters;
  }

  /** The records stored here and what their writes found (by identity); the others are not written yet. */
  Map<ConsumerRecord<String, byte[]>, WriteOutcome> write(List<ConsumerRecord<String, byte[]>> records) {
    Map<ConsumerRecord<String, byte[]>, WriteOutcome> written = new IdentityHashMap<>();
    List<ConsumerRecord<String, byte[]>> pageRecords = new ArrayList<>();
    List<PageRecord> decodedPages = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      if (record.value() != null && record.topic().equals(topics.pages.name())) {
        PageRecord page = decodeOrNull(record, () ->
            topics.pages.valueSerde().deserializer().deserialize(record.topic(), record.value()));
        if (page != null) {
          pageRecords.add(record);
          decodedPages.add(page);
        }
      }
    }
    if (!decodedPages.isEmpty()) {
      try {
        List<WriteOutcome> outcomes = pages.write(decodedPages);
        for (int i = 0; i < outcomes.size(); i++) {
          written.put(pageRecords.get(i), outcomes.get(i));
        }
        count(topics.pages.name(), "written", outcomes.size());
      } catch (RuntimeException e) {
        count(topics.pages.name(), "left", decodedPages.size());
        log.debug("Writing {} pages in batches failed ({}); they are written one by one", decodedPages.size(),
            e.toString());
      }
    }
    for (ConsumerRecord<String, byte[]> record : records) {
      if (record.value() == null || !record.topic().equals(topics.annotations.name())) {
        continue;
      }
      AnnotationRecord annotation = decodeOrNull(record, () ->
          topics.annotations.valueSerde().deserializer().deserialize(record.topic(), record.value()));
      if (annotation == null) {
        continue;
      }
      try {
        written.put(record, annotations.write(annotation));
        count(record.topic(), "written", 1);
      } catch (RuntimeException e) {
        // the rest in order, one by one: a later annotation must not be stored before an earlier one failed
        count(record.topic(), "left", 1);
        log.debug("Writing annotation {}-{}@{} ahead failed ({}); it and the rest are written one by one",
            record.topic(), record.partition(), record.offset(), e.toString());
        break;
      }
    }
    return written;
  }

  private static <T> T decodeOrNull(ConsumerRecord<String, byte[]> record, java.util.function.Supplier<T> decode) {
    try {
      return decode.get();
    } catch (RuntimeException undecodable) {
      return null;   // the record-by-record pass dead-letters it with its reason
    }
  }

  private void count(String topic, String outcome, int n) {
    meters.counter("byproduct.assembler.written-ahead", "topic", topic, "outcome", outcome).increment(n);
  }
}
