package io.byproduct.streamprocessor.topology;

import io.byproduct.schemas.event.HitFinished;
import io.byproduct.schemas.event.HitStarted;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.PageSubmitted;
import io.byproduct.schemas.record.AnnotationRecord;

/** The HIT-level annotation ({@code annotation-state}): changed by HitStarted, each submitted page and HitFinished, emitted on each change. */
final class HitAnnotations {

  private final DecodedValues<AnnotationRecord> annotations;
  private final FoldOutput output;

  HitAnnotations(DecodedValues<AnnotationRecord> annotations, FoldOutput output) {
    this.annotations = annotations;
    this.output = output;
  }

  void started(InteractionEvent e, HitStarted started, long timestamp) {
    AnnotationRecord annotation = annotationOf(e);
    annotation.setStartedAt(started.getStartedAt());
    annotation.setAnnotatorID(started.getAnnotatorId());
    emit(annotation, timestamp);
  }

  void finished(InteractionEvent e, HitFinished finished, long timestamp) {
    AnnotationRecord annotation = annotationOf(e);
    annotation.setIsDone(true);
    annotation.setPageCount(Math.max(annotation.getPageCount(), finished.getPageCount()));
    emit(annotation, timestamp);
  }

  void pageSubmitted(InteractionEvent e, PageSubmitted submitted, long timestamp) {
    AnnotationRecord annotation = annotationOf(e);
    annotation.setPageCount(Math.max(annotation.getPageCount(), e.getPageNo()));
    annotation.setEndedAt(e.getClientTime());
    if (submitted.getLastPage()) {
      annotation.setIsDone(true);
    }
    emit(annotation, timestamp);
  }

  /** The annotation's state, begun from this event's envelope when it is the first that changes it. */
  private AnnotationRecord annotationOf(InteractionEvent e) {
    AnnotationRecord annotation = annotations.get(e.getAnnotationId());
    if (annotation == null) {
      annotation = AnnotationRecord.newBuilder()
          .setId(e.getAnnotationId())
          .setHitDatasetName(e.getHitDatasetName())
          .setImageNetHitID(e.getImageNetHitId())
          .setAnnotatorID("")
          .setWorkerID(e.getWorkerId())
          .setHitID(e.getHitId())
          .setAssignmentID(e.getAssignmentId())
          .setVersion(e.getVersion().name())
          .setCreatedAt(e.getGatewayTime())
          .build();
    }
    return annotation;
  }

  private void emit(AnnotationRecord annotation, long timestamp) {
    annotations.put(annotation.getId(), annotation);
    output.annotation(annotation, timestamp);
  }
}
