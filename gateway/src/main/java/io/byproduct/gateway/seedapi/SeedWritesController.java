package io.byproduct.gateway.seedapi;

import static io.byproduct.gateway.api.ApiErrors.error;

import io.byproduct.gateway.api.ApiErrors;
import io.byproduct.gateway.api.BadRequest;
import io.byproduct.gateway.api.Blocking;
import io.byproduct.gateway.binding.BindingRefusals;
import io.byproduct.gateway.binding.StoredAnnotations;
import io.byproduct.gateway.binding.WorkerAnnotations;
import io.byproduct.gateway.ingest.EventPublisher;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.workers.AssignmentBinding;
import io.byproduct.platform.workers.WorkerPseudonyms;
import io.byproduct.schemas.event.HitStarted;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.rules.RecordRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;

/**
 * The writes of the original front end's API, so that it runs unchanged against Byproduct
 * (compatibility mode, {@link SeedApiProperties}). Both go through the interactions topic like
 * streamed events, and both are idempotent (the original re-sends after any failure): a create is
 * the annotation's first event (a fixed session and sequence number); a page is one
 * {@code PageRecorded} event, the page as sent ({@link RecordedPageEvent}), whose session names its
 * content hash, so the same version again is folded once and another version is never taken for it.
 *
 * <p>Read-your-writes: the gateway never writes a table (the page assembler owns them), so each
 * write is answered once it is stored: a create once the stored annotation shows its owner and the
 * worker's index lists it, a page PUT once the stored page's head shows its content hash (consistent
 * reads, polled every 100 ms for up to {@code store-wait}, holding no thread between polls; else 503,
 * send it again). After a 200, every read (search {@code pageCount}/{@code isDone}, our page's
 * assignment, the survey code) reflects the write.
 *
 * <p>What is checked, since the original sends no capability: the body (strict UTF-8, at most
 * {@code spring.http.codecs.max-in-memory-size}, else 413; values by {@link RecordRules}, else 400
 * naming the field); an existing annotation id is refused to another worker (POST); an annotation of
 * our page (bound to an assignment) is never written here; a stored page is never replaced by other
 * content (409, the first version stored counts; a second version that raced it to Kafka is
 * dead-lettered by the stream processor as {@code page-revision}, and its PUT gets 409 too);
 * {@code isDone} is a claim, accepted only on the HIT's last page once every other page is stored.
 */
@RestController
class SeedWritesController {

  private static final Duration STORE_POLL = Duration.ofMillis(100);

  private final HitStore hits;
  private final WorkerPseudonyms pseudonyms;
  private final EventPublisher publisher;
  private final SeedApiProperties seedApi;
  private final SeedOwnership ownership;
  private final SeedPageChecks checks;
  private final BindingRefusals refusals;
  private final StoredAnnotations stored;
  private final WorkerAnnotations workerAnnotations;
  private final DataSize maxBody;

  SeedWritesController(HitStore hits, WorkerPseudonyms pseudonyms, EventPublisher publisher, SeedApiProperties seedApi,
      AssignmentBinding binding, StoredAnnotations stored, WorkerAnnotations workerAnnotations,
      BindingRefusals refusals,
      @Value("${spring.http.codecs.max-in-memory-size:256KB}") DataSize maxBody) {
    this.refusals = refusals;
    this.stored = stored;
    this.workerAnnotations = workerAnnotations;
    this.maxBody = maxBody;
    this.hits = hits;
    this.pseudonyms = pseudonyms;
    this.publisher = publisher;
    this.seedApi = seedApi;
    this.ownership = new SeedOwnership(stored, binding, refusals);
    this.checks = new SeedPageChecks(stored, seedApi.doneWait());
  }

  @PostMapping(path = "/api/imagenet/{hitDatasetName}/hits/{imageNetHitId}/annotations", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Object>> create(@PathVariable String hitDatasetName, @PathVariable String imageNetHitId,
      @RequestBody(required = false) Mono<byte[]> body) {
    if (!seedApi.enabled()) {
      return Mono.just(SeedApiProperties.off());
    }
    return answered(body.defaultIfEmpty(new byte[0])
        .flatMap(bytes -> Blocking.call(() -> publishCreate(hitDatasetName, imageNetHitId, bytes)))
        .flatMap(step -> step.answer() != null ? Mono.just(step.answer())
            : awaitOwner(step.annotationId(), hitDatasetName, imageNetHitId, step.workerPseudonym())));
  }

  /** A create after its event is published: answered now, or once its annotation is stored (answer null). */
  private record CreateStep(ResponseEntity<Object> answer, String annotationId, String workerPseudonym) {}

  private CreateStep publishCreate(String hitDatasetName, String imageNetHitId, byte[] body) throws InterruptedException {
    SeedBodies.NewAnnotation created = SeedBodies.newAnnotation(SeedBodies.parse(body));
    if (hits.findJson(hitDatasetName, imageNetHitId).isEmpty()) {
      return new CreateStep(ApiErrors.unknownHit(hitDatasetName, imageNetHitId), null, null);
    }
    String pseudonym = pseudonyms.pseudonymise(created.workerId());
    Optional<StoredAnnotations.Annotation> existing = ownership.find(created.id());
    Envelope envelope = new Envelope(created.id(), hitDatasetName, imageNetHitId, pseudonym, created.assignmentId(),
        created.hitId(), created.version());
    if (existing.isPresent()) {
      SeedOwnership.Decision decision = ownership.create(existing.get(), hitDatasetName, imageNetHitId, pseudonym);
      if (decision.refusal() != null) {
        return new CreateStep(decision.refusal(), null, null);
      }
      envelope = decision.envelope();  // a resend: the stored annotation's ids, not the request's
    }
    long now = System.currentTimeMillis();
    String session = "rest:start";  // de-duplicated per annotation: one create however often it is sent
    publish(List.of(envelope.event(session, 1, 1, created.startedAt(), now)
        .setPayload(new HitStarted(created.startedAt(), created.annotatorId())).build()));
    return existing.isPresent() ? new CreateStep(ResponseEntity.ok(Map.of("id", created.id())), null, null)
        : new CreateStep(null, created.id(), pseudonym);
  }

  /**
   * Polls for the stored annotation (a create travels through Kafka, the stream processor and the
   * page assembler) for up to {@code store-wait}, holding no thread between polls; the stored owner
   * decides the answer. An accepted create is answered once the worker's index
   * ({@code byWorkerAndDataset}, eventually consistent in DynamoDB) lists it too, so the search that
   * follows finds it.
   */
  private Mono<ResponseEntity<Object>> awaitOwner(String annotationId, String hitDatasetName, String imageNetHitId,
      String workerPseudonym) {
    return Blocking.call(() -> ownership.find(annotationId))
        .flatMap(Mono::justOrEmpty)
        .repeatWhenEmpty(polls -> polls.delayElements(STORE_POLL))
        .flatMap(found -> {
          SeedOwnership.Decision decision = ownership.create(found, hitDatasetName, imageNetHitId, workerPseudonym);
          return decision.refusal() != null ? Mono.just(decision.refusal())
              : Blocking.call(() -> listed(workerPseudonym, hitDatasetName, annotationId))
                  .filter(Boolean::booleanValue)
                  .repeatWhenEmpty(polls -> polls.delayElements(STORE_POLL))
                  .map(listed -> ResponseEntity.<Object>ok(Map.of("id", annotationId)));
        })
        .timeout(seedApi.storeWait(), Mono.error(NotStored::new));
  }

  private boolean listed(String workerPseudonym, String hitDatasetName, String annotationId) {
    return workerAnnotations.of(workerPseudonym, hitDatasetName).stream()
        .anyMatch(a -> annotationId.equals(WorkerAnnotations.field(a, "id")));
  }

  @PutMapping(path = "/api/imagenet/{hitDatasetName}/annotations/{annotationId}", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Object>> page(@PathVariable String hitDatasetName, @PathVariable String annotationId,
      @RequestBody(required = false) Mono<byte[]> body) {
    if (!seedApi.enabled()) {
      return Mono.just(SeedApiProperties.off());
    }
    return answered(body.defaultIfEmpty(new byte[0])
        .flatMap(bytes -> Blocking.call(() -> publishPage(hitDatasetName, annotationId, bytes)))
        .flatMap(step -> step.answer() != null ? Mono.just(step.answer()) : awaitPage(annotationId, step.page())));
  }

  /** A page PUT after its event is published: answered now, or once the page is stored (answer null). */
  private record PageStep(ResponseEntity<Object> answer, SeedBodies.PageWrite page) {}

  private PageStep publishPage(String hitDatasetName, String annotationId, byte[] body) throws InterruptedException {
    if (!RecordRules.usableId(annotationId)) {
      throw new BadRequest("imageNetAnnotationId (path): must be " + RecordRules.idRule());
    }
    SeedBodies.PageWrite page = SeedBodies.pageWrite(SeedBodies.parse(body));
    Optional<StoredAnnotations.Annotation> annotation = ownership.find(annotationId);
    if (annotation.isEmpty() || !hitDatasetName.equals(annotation.get().hitDatasetName())) {
      return new PageStep(error(HttpStatus.NOT_FOUND, "no annotation '" + annotationId + "' in dataset '" + hitDatasetName
          + "'; create it first with POST /api/imagenet/" + hitDatasetName + "/hits/{imageNetHitID}/annotations"), null);
    }
    SeedOwnership.Decision decision = ownership.pageWrite(annotation.get());
    if (decision.refusal() != null) {
      return new PageStep(decision.refusal(), null);
    }
    SeedPageChecks.Verdict verdict = checks.check(hitDatasetName, annotation.get().imageNetHitId(), annotationId, page);
    if (verdict.refusal() != null) {
      if (verdict.reason() != null) {
        refusals.count(verdict.reason());
      }
      return new PageStep(verdict.refusal(), null);
    }
    if (verdict.alreadyStored()) {
      return new PageStep(pageStored(annotationId, page), null);
    }
    publish(List.of(RecordedPageEvent.of(decision.envelope(), page, System.currentTimeMillis())));
    return new PageStep(null, page);
  }

  /**
   * Polls the stored page's head (content hash only) for up to {@code store-wait}, holding no thread
   * between polls: this version stored → 200; another version stored first (a race between two
   * different PUTs of the page) → 409, this one is dead-lettered by the stream processor.
   */
  private Mono<ResponseEntity<Object>> awaitPage(String annotationId, SeedBodies.PageWrite page) {
    return Blocking.call(() -> stored.pageHash(annotationId, page.pageNo()))
        .flatMap(Mono::justOrEmpty)
        .repeatWhenEmpty(polls -> polls.delayElements(STORE_POLL))
        .timeout(seedApi.storeWait(), Mono.error(NotStored::new))
        .map(hash -> {
          if (hash.equals(page.contentHash())) {
            return pageStored(annotationId, page);
          }
          SeedPageChecks.Verdict other = SeedPageChecks.otherVersionStored(annotationId, page.pageNo());
          refusals.count(other.reason());
          return other.refusal();
        });
  }

  private static ResponseEntity<Object> pageStored(String annotationId, SeedBodies.PageWrite page) {
    return ResponseEntity.ok(Map.of("id", annotationId, "pageno", page.pageNo()));
  }

  private void publish(List<InteractionEvent> events) throws InterruptedException {
    try {
      publisher.publish(events).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new NotDurable(e);
    }
  }

  private Mono<ResponseEntity<Object>> answered(Mono<ResponseEntity<Object>> answer) {
    return answer
        .onErrorResume(BadRequest.class, e -> {
          refusals.count(BindingRefusals.Reason.INVALID_BODY);
          return Mono.just(ApiErrors.badRequest(e.getMessage()));
        })
        .onErrorResume(SeedWritesController::tooLarge, e -> {
          refusals.count(BindingRefusals.Reason.TOO_LARGE);
          return Mono.just(error(HttpStatus.CONTENT_TOO_LARGE, "body: larger than the " + maxBody.toBytes()
              + " bytes a request may have (spring.http.codecs.max-in-memory-size); a page of ten minutes at 60 Hz"
              + " takes about 2.5 MB"));
        })
        .onErrorResume(NotDurable.class, e -> Mono.just(error(HttpStatus.SERVICE_UNAVAILABLE,
            "the events could not be written to Kafka; send the request again")))
        .onErrorResume(NotStored.class, e -> {
          refusals.count(BindingRefusals.Reason.NOT_STORED);
          return Mono.just(error(HttpStatus.SERVICE_UNAVAILABLE,
              "taken, but not stored yet; send the request again (the same request again is harmless)"));
        });
  }

  /** The body was larger than the codecs' limit (Spring reports it as 413, or as the buffer's own exception). */
  private static boolean tooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DataBufferLimitException
          || t instanceof ResponseStatusException r && r.getStatusCode().value() == HttpStatus.CONTENT_TOO_LARGE.value()) {
        return true;
      }
    }
    return false;
  }

  /** The create was taken by Kafka but is not stored within {@code store-wait}. */
  static final class NotStored extends RuntimeException {
    NotStored() {
      super("not stored yet", null, false, false);
    }
  }

  /** Kafka did not take the events. */
  static final class NotDurable extends RuntimeException {
    NotDurable(Throwable cause) {
      super(cause);
    }
  }
}
