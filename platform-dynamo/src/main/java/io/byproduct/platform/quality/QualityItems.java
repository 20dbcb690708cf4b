package io.byproduct.platform.quality;

import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.quality.AssignmentQuality;
import io.byproduct.schemas.quality.ImageFrequency;
import io.byproduct.schemas.quality.WorkerQuality;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items of {@code ImageNetQuality}: one per image and class, worker or assignment, under a
 * scope of its kind and dataset, holding the latest record as JSON ({@value #RECORD}). Only the
 * page assembler writes them ({@code pageassembler.writing.QualityWriter}); the gateway reads
 * them with {@link QualityReader}.
 */
public final class QualityItems {

  /** The record as JSON (Avro's JSON form of the topic's value). */
  public static final String RECORD = "record";
  /** Epoch ms when the item was written. */
  public static final String UPDATED_AT = "updatedAt";

  /** The kinds of item, each a scope prefix. */
  public enum Kind {
    IMAGE("image"), WORKER("worker"), ASSIGNMENT("assignment");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    public String scope(String dataset) {
      return prefix + "|" + dataset;
    }
  }

  private QualityItems() {}

  public static Map<String, AttributeValue> itemOf(ImageFrequency image, long now) {
    return item(Kind.IMAGE.scope(image.getHitDatasetName()), image.getClassId() + "|" + image.getImageId(),
        image.toString(), now);
  }

  public static Map<String, AttributeValue> itemOf(WorkerQuality worker, long now) {
    return item(Kind.WORKER.scope(worker.getHitDatasetName()), worker.getWorkerId(), worker.toString(), now);
  }

  public static Map<String, AttributeValue> itemOf(AssignmentQuality assignment, long now) {
    return item(Kind.ASSIGNMENT.scope(assignment.getHitDatasetName()), assignment.getAnnotationId(),
        assignment.toString(), now);
  }

  private static Map<String, AttributeValue> item(String scope, String id, String json, long now) {
    if (id.isEmpty()) {
      throw new IllegalArgumentException("a quality record without an id (scope " + scope + ")");
    }
    return Map.of(Tables.QUALITY_HASH, AttributeValue.fromS(scope), Tables.QUALITY_RANGE, AttributeValue.fromS(id),
        RECORD, AttributeValue.fromS(json), UPDATED_AT, AttributeValue.fromN(Long.toString(now)));
  }
}
