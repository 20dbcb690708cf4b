package io.byproduct.pageassembler.consuming;

import io.byproduct.pageassembler.counting.AnnotationCounter;
import io.byproduct.pageassembler.writing.AnnotationWriter;
import io.byproduct.pageassembler.writing.PageWriter;
import io.byproduct.pageassembler.writing.QualityWriter;
import io.byproduct.pageassembler.writing.SandboxWriter;
import io.byproduct.pageassembler.writing.WriteOutcome;
import io.byproduct.schemas.record.AnnotationRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.SandboxAnnotation;
import io.byproduct.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Decodes one record of {@code pages}, {@code annotations}, {@code sandbox-annotations} or a quality
 * topic and writes it to DynamoDB; a stored page or sandbox submit is then counted ({@link AnnotationCounter}).
 */
final class RecordWriter {

  private final Topics topics;
  private final PageWriter pages;
  private final AnnotationWriter annotations;
  private final SandboxWriter sandbox;
  private final AnnotationCounter counter;
  private final QualityWriter quality;

  RecordWriter(Topics topics, PageWriter pages, AnnotationWriter annotations, SandboxWriter sandbox,
      AnnotationCounter counter, QualityWriter quality) {
    this.quality = quality;
    this.topics = topics;
    this.pages = pages;
    this.annotations = annotations;
    this.sandbox = sandbox;
    this.counter = counter;
  }

  /**
   * @param writtenAhead what writing the record found if {@link WriteAhead} stored it already (then it is
   *     only counted), else null
   * @throws SerializationException if the value is not Avro of the topic's type
   * @throws IllegalArgumentException if there is no value
   */
  WriteOutcome write(ConsumerRecord<String, byte[]> record, WriteOutcome writtenAhead) {
    if (record.value() == null) {
      throw new IllegalArgumentException("the record has no value");
    }
    if (record.topic().equals(topics.pages.name())) {
      PageRecord page = topics.pages.valueSerde().deserializer().deserialize(record.topic(), record.value());
      WriteOutcome outcome = writtenAhead != null ? writtenAhead : pages.write(page);
      counter.count(page); // after the page: a count retried after a failure is counted once
      return outcome;
    }
    if (record.topic().equals(topics.sandbox.name())) {
      SandboxAnnotation submit = topics.sandbox.valueSerde().deserializer().deserialize(record.topic(), record.value());
      WriteOutcome outcome = sandbox.write(submit);
      counter.count(submit);
      return outcome;
    }
    if (record.topic().equals(topics.qualityImages.name())) {
      return quality.write(topics.qualityImages.valueSerde().deserializer().deserialize(record.topic(), record.value()));
    }
    if (record.topic().equals(topics.qualityWorkers.name())) {
      return quality.write(topics.qualityWorkers.valueSerde().deserializer().deserialize(record.topic(), record.value()));
    }
    if (record.topic().equals(topics.qualityAssignments.name())) {
      return quality.write(
          topics.qualityAssignments.valueSerde().deserializer().deserialize(record.topic(), record.value()));
    }
    if (writtenAhead != null) {
      return writtenAhead;
    }
    AnnotationRecord annotation = topics.annotations.valueSerde().deserializer().deserialize(record.topic(), record.value());
    return annotations.write(annotation);
  }
}
