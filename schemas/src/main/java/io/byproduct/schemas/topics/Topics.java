package io.byproduct.schemas.topics;

import io.byproduct.schemas.batch.InteractionBatch;
import io.byproduct.schemas.batch.InteractionRecords;
import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.quality.AssignmentQuality;
import io.byproduct.schemas.quality.HitReview;
import io.byproduct.schemas.quality.ImageFrequency;
import io.byproduct.schemas.quality.WorkerQuality;
import io.byproduct.schemas.record.AnnotationRecord;
import io.byproduct.schemas.record.ImageUpdate;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.SandboxAnnotation;
import io.byproduct.schemas.serde.AvroSerde;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The registry of Byproduct's topics. Every component takes names and Serdes from here, so no
 * topic name is typed twice. An optional prefix (e.g. {@code study42.}) lets several studies or
 * test runs share a cluster.
 */
public final class Topics {

  private static final Pattern LEGAL_PREFIX = Pattern.compile("[a-zA-Z0-9._-]*");

  /**
   * Raw interactions, the source of truth; key: annotation id; value: an InteractionBatch (one
   * frame's events, what the gateway writes) or an InteractionEvent (one event: the format before
   * issue 22, still written by the seed API's REST writes). This view writes and reads the
   * per-event format; read the topic with {@code batch.InteractionRecords}, which knows both.
   */
  public final Topic<String, InteractionEvent> interactions;
  /** The same topic as {@link #interactions}, writing and reading the batch format. */
  public final Topic<String, InteractionBatch> interactionBatches;
  /** Per-image records as they change; key: annotation id; value: ImageUpdate. */
  public final Topic<String, ImageUpdate> images;
  /** Finished pages (submitted or abandoned); key: annotation id; value: PageRecord. */
  public final Topic<String, PageRecord> pages;
  /** HIT-level annotations; key: annotation id; value: AnnotationRecord (compacted). */
  public final Topic<String, AnnotationRecord> annotations;
  /** Refused input with its reason; key: the source key if any; value: DeadLetter. */
  public final Topic<String, DeadLetter> deadLetters;
  /** Submits of the original front end's sandbox mode (no HIT); key: content id; value: SandboxAnnotation. */
  public final Topic<String, SandboxAnnotation> sandbox;
  /** Each HIT's page classes and controls (compacted); key: hitDatasetName|hitId; value: HitReview. */
  public final Topic<String, HitReview> hitReviews;
  /** Live selection frequency (compacted); key: hitDatasetName|classId|imageId; value: ImageFrequency. */
  public final Topic<String, ImageFrequency> qualityImages;
  /** Live worker scores and flags (compacted); key: hitDatasetName|workerId; value: WorkerQuality. */
  public final Topic<String, WorkerQuality> qualityWorkers;
  /** Live assignment scores and flags (compacted); key: annotation id; value: AssignmentQuality. */
  public final Topic<String, AssignmentQuality> qualityAssignments;

  private final String prefix;

  private Topics(String prefix) {
    if (prefix == null || !LEGAL_PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "topic prefix '" + prefix + "' may hold only letters, digits, '.', '_' and '-'");
    }
    this.prefix = prefix;
    Serde<String> keys = Serdes.String();
    interactions = new Topic<>(prefix + "interactions", keys, InteractionRecords.events(),
        "key annotationId, value InteractionBatch or InteractionEvent");
    interactionBatches = new Topic<>(interactions.name(), keys, InteractionRecords.batches(), interactions.contract());
    images = new Topic<>(prefix + "images", keys, AvroSerde.of(ImageUpdate.class),
        "key annotationId, value ImageUpdate");
    pages = new Topic<>(prefix + "pages", keys, AvroSerde.of(PageRecord.class),
        "key annotationId, value PageRecord");
    annotations = new Topic<>(prefix + "annotations", keys, AvroSerde.of(AnnotationRecord.class),
        "key annotationId, value AnnotationRecord");
    deadLetters = new Topic<>(prefix + "dead-letters", keys, AvroSerde.of(DeadLetter.class),
        "key source key or none, value DeadLetter");
    sandbox = new Topic<>(prefix + "sandbox-annotations", keys, AvroSerde.of(SandboxAnnotation.class),
        "key sandbox annotation id, value SandboxAnnotation");
    hitReviews = new Topic<>(prefix + "hit-reviews", keys, AvroSerde.of(HitReview.class),
        "key hitDatasetName|hitId, value HitReview");
    qualityImages = new Topic<>(prefix + "quality-images", keys, AvroSerde.of(ImageFrequency.class),
        "key hitDatasetName|classId|imageId, value ImageFrequency");
    qualityWorkers = new Topic<>(prefix + "quality-workers", keys, AvroSerde.of(WorkerQuality.class),
        "key hitDatasetName|workerId, value WorkerQuality");
    qualityAssignments = new Topic<>(prefix + "quality-assignments", keys, AvroSerde.of(AssignmentQuality.class),
        "key annotationId, value AssignmentQuality");
  }

  public static Topics defaults() {
    return new Topics("");
  }

  public static Topics withPrefix(String prefix) {
    return new Topics(prefix == null ? "" : prefix);
  }

  public String prefix() {
    return prefix;
  }

  /** Every topic once (the batch view of {@code interactions} is not listed apart). */
  public List<Topic<?, ?>> all() {
    return List.of(interactions, images, pages, annotations, deadLetters, sandbox, hitReviews, qualityImages,
        qualityWorkers, qualityAssignments);
  }
}
