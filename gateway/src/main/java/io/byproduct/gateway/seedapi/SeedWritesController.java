package io.byproduct.gateway.seedapi;

import static io.byproduct.gateway.seedapi.SeedAnswers.error;

import io.byproduct.gateway.binding.BindingRefusals;
import io.byproduct.gateway.binding.BindingRefusals.Reason;
import io.byproduct.gateway.binding.StoredAnnotations;
import io.byproduct.gateway.ingest.EventPublisher;
import io.byproduct.platform.annotations.AnnotationItems;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.tables.Tables;
import io.byproduct.platform.workers.AssignmentBinding;
import io.byproduct.platform.workers.WorkerPseudonyms;
import io.byproduct.schemas.event.HitStarted;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.record.AnnotationRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import tools.jackson.databind.JsonNode;

/**
 * The writes of the original front end's API, so that it runs unchanged against Byproduct
 * (compatibility mode, {@link SeedApiProperties}). Both go through the interactions topic like
 * streamed events, and both are idempotent (the original re-sends after any failure): the
 * annotation is created only if absent, and a page's events have a deterministic session and
 * sequence numbers, so the stream processor folds them once.
 *
 * <p>What is checked, since the original sends no capability: an existing annotation id is
 * refused to another worker (POST); an annotation of our page (bound to an assignment) is never
 * written here; a stored page is never replaced by other answers (409); {@code isDone} is a claim,
 * accepted only on the HIT's last page once every other page is stored.
 */
@RestController
class SeedWritesController {

  private final HitStore hits;
  private final DynamoDbClient dynamo;
  private final Tables tables;
  private final WorkerPseudonyms pseudonyms;
  private final EventPublisher publisher;
  private final SeedApiProperties seedApi;
  private final AssignmentBinding binding;
  private final SeedPageChecks checks;
  private final BindingRefusals refusals;

  SeedWritesController(HitStore hits, DynamoDbClient dynamo, Tables tables, WorkerPseudonyms pseudonyms,
      EventPublisher publisher, SeedApiProperties seedApi, AssignmentBinding binding, StoredAnnotations stored,
      BindingRefusals refusals) {
    this.refusals = refusals;
    this.hits = hits;
    this.dynamo = dynamo;
    this.tables = tables;
    this.pseudonyms = pseudonyms;
    this.publisher = publisher;
    this.seedApi = seedApi;
    this.binding = binding;
    this.checks = new SeedPageChecks(stored, seedApi.doneWait());
  }

  @PostMapping(path = "/api/imagenet/{hitDatasetName}/hits/{imageNetHitId}/annotations", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Object>> create(@PathVariable String hitDatasetName, @PathVariable String imageNetHitId,
      @RequestBody(required = false) String body) {
    if (!seedApi.enabled()) {
      return Mono.just(SeedApiProperties.off());
    }
    return blocking(() -> {
      SeedBodies.NewAnnotation created = SeedBodies.newAnnotation(SeedBodies.parse(body));
      if (hits.findJson(hitDatasetName, imageNetHitId).isEmpty()) {
        return error(HttpStatus.NOT_FOUND, "no HIT '" + imageNetHitId + "' in dataset '" + hitDatasetName + "'");
      }
      long now = System.currentTimeMillis();
      AnnotationRecord annotation = AnnotationRecord.newBuilder()
          .setId(created.id()).setHitDatasetName(hitDatasetName).setImageNetHitID(imageNetHitId)
          .setAnnotatorID(created.annotatorId()).setWorkerID(pseudonyms.pseudonymise(created.workerId()))
          .setHitID(created.hitId()).setAssignmentID(created.assignmentId()).setVersion(created.version().name())
          .setCreatedAt(now).setStartedAt(created.startedAt()).setEndedAt(null).setPageCount(0).setIsDone(false)
          .build();
      try {
        dynamo.putItem(b -> b.tableName(tables.names().annotation()).item(AnnotationItems.itemOf(annotation))
            .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", Tables.ANNOTATION_HASH)));
      } catch (ConditionalCheckFailedException exists) {
        Map<String, AttributeValue> item = annotationItem(created.id());
        if (!hitDatasetName.equals(text(item, Tables.DATASET)) || !imageNetHitId.equals(text(item, "imageNetHitID"))) {
          return error(HttpStatus.CONFLICT, "annotation '" + created.id() + "' belongs to another HIT");
        }
        if (!annotation.getWorkerID().equals(text(item, Tables.WORKER_ID)) || boundToAssignment(created.id(), item)) {
          refusals.count(Reason.NOT_OWNER);
          return error(HttpStatus.CONFLICT, "annotation '" + created.id() + "' belongs to another worker");
        }
        // a resend: the stored annotation's ids, not the request's, go into the event
        annotation.setAssignmentID(text(item, "assignmentID"));
        annotation.setHitID(text(item, "hitID"));
        annotation.setVersion(text(item, "version"));
      }
      Envelope envelope = envelope(created.id(), hitDatasetName, imageNetHitId, annotation.getWorkerID(),
          annotation.getAssignmentID(), annotation.getHitID(), InterfaceVersion.valueOf(annotation.getVersion()));
      String session = "rest:" + created.id() + ":start";
      publish(List.of(envelope.event(session, 1, 1, created.startedAt(), now)
          .setPayload(new HitStarted(created.startedAt(), created.annotatorId())).build()));
      return ResponseEntity.ok(Map.of("id", created.id()));
    });
  }

  @PutMapping(path = "/api/imagenet/{hitDatasetName}/annotations/{annotationId}", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Object>> page(@PathVariable String hitDatasetName, @PathVariable String annotationId,
      @RequestBody(required = false) String body) {
    if (!seedApi.enabled()) {
      return Mono.just(SeedApiProperties.off());
    }
    return blocking(() -> {
      SeedBodies.PageWrite page = SeedBodies.pageWrite(SeedBodies.parse(body));
      Map<String, AttributeValue> stored = annotationItem(annotationId);
      if (stored == null || !hitDatasetName.equals(text(stored, Tables.DATASET))) {
        return error(HttpStatus.NOT_FOUND, "no annotation '" + annotationId + "' in dataset '" + hitDatasetName
            + "'; create it first with POST /api/imagenet/" + hitDatasetName + "/hits/{imageNetHitID}/annotations");
      }
      if (boundToAssignment(annotationId, stored)) {
        refusals.count(Reason.BOUND_ANNOTATION);
        return error(HttpStatus.FORBIDDEN, "annotation '" + annotationId + "' is bound to an assignment of the worker's"
            + " page; it is written only with its capability, never through this API");
      }
      SeedPageChecks.Verdict verdict = checks.check(hitDatasetName, text(stored, "imageNetHitID"), annotationId, page);
      if (verdict.refusal() != null) {
        if (verdict.reason() != null) {
          refusals.count(verdict.reason());
        }
        return verdict.refusal();
      }
      if (verdict.alreadyStored()) {
        return ResponseEntity.ok(Map.of("id", annotationId, "pageno", page.pageNo()));
      }
      Envelope envelope = envelope(annotationId, hitDatasetName, text(stored, "imageNetHitID"),
          text(stored, Tables.WORKER_ID), text(stored, "assignmentID"), text(stored, "hitID"),
          InterfaceVersion.valueOf(text(stored, "version")));
      List<InteractionEvent> events;
      try {
        events = PageEvents.of(envelope, page.pageNo(), page.pageId(), page.startedAt(), page.endedAt(),
            page.images(), page.isDone(), System.currentTimeMillis());
      } catch (IllegalArgumentException e) {
        throw new BadRequest(e.getMessage());
      }
      publish(events);
      return ResponseEntity.ok(Map.of("id", annotationId, "pageno", page.pageNo()));
    });
  }

  /** An annotation of our page: its id is the one derived from its stored ids. */
  private boolean boundToAssignment(String id, Map<String, AttributeValue> item) {
    return binding.isDerived(id, text(item, Tables.DATASET), text(item, "imageNetHitID"), text(item, Tables.WORKER_ID),
        text(item, "assignmentID"), text(item, "hitID"));
  }

  private Map<String, AttributeValue> annotationItem(String id) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tables.names().annotation()).consistentRead(true)
        .key(Map.of(Tables.ANNOTATION_HASH, AttributeValue.fromS(id)))).item();
    return item == null || item.isEmpty() ? null : item;
  }

  private static Envelope envelope(String id, String dataset, String hit, String worker, String assignment,
      String mturkHit, InterfaceVersion version) {
    return new Envelope(id, dataset, hit, worker, assignment, mturkHit, version);
  }

  private void publish(List<InteractionEvent> events) throws InterruptedException {
    try {
      publisher.publish(events).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new NotDurable(e);
    }
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item == null ? null : item.get(name);
    return value == null ? null : value.s();
  }

  private static Mono<ResponseEntity<Object>> blocking(Callable<ResponseEntity<Object>> call) {
    return SeedAnswers.blocking(call)
        .onErrorResume(NotDurable.class, e -> Mono.just(error(HttpStatus.SERVICE_UNAVAILABLE,
            "the events could not be written to Kafka; send the request again")));
  }

  /** Kafka did not take the events. */
  static final class NotDurable extends RuntimeException {
    NotDurable(Throwable cause) {
      super(cause);
    }
  }
}
