package io.byproduct.pageassembler.writing;

import io.byproduct.platform.quality.QualityItems;
import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.quality.AssignmentQuality;
import io.byproduct.schemas.quality.ImageFrequency;
import io.byproduct.schemas.quality.WorkerQuality;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes the live quality records (topics {@code quality-images}, {@code quality-workers},
 * {@code quality-assignments}) to {@code ImageNetQuality}, one item per key holding the latest
 * record. The topics are compacted and each key stays on one partition, read in order, so a plain
 * put is right: a record delivered again is followed by every later one of its key.
 */
public final class QualityWriter {

  private final DynamoDbClient dynamo;
  private final Tables tables;
  private final Clock clock;

  public QualityWriter(DynamoDbClient dynamo, Tables tables, Clock clock) {
    this.dynamo = dynamo;
    this.tables = tables;
    this.clock = clock;
  }

  public WriteOutcome write(ImageFrequency image) {
    return put(QualityItems.itemOf(image, clock.millis()));
  }

  public WriteOutcome write(WorkerQuality worker) {
    return put(QualityItems.itemOf(worker, clock.millis()));
  }

  public WriteOutcome write(AssignmentQuality assignment) {
    return put(QualityItems.itemOf(assignment, clock.millis()));
  }

  private WriteOutcome put(Map<String, AttributeValue> item) {
    dynamo.putItem(b -> b.tableName(tables.names().quality()).item(item));
    return WriteOutcome.WRITTEN;
  }
}
