package io.byproduct.gateway.seedapi;

import static io.byproduct.gateway.api.ApiErrors.error;

import io.byproduct.gateway.api.ApiErrors;
import io.byproduct.gateway.api.BadRequest;
import io.byproduct.gateway.api.Blocking;
import io.byproduct.gateway.binding.BindingRefusals;
import io.byproduct.gateway.binding.StoredAnnotations;
import io.byproduct.gateway.ingest.EventPublisher;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.workers.AssignmentBinding;
import io.byproduct.platform.workers.WorkerPseudonyms;
import io.byproduct.schemas.event.HitStarted;
import io.byproduct.schemas.event.InteractionEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/**
 * The writes of the original front end's API, so that it runs unchanged against Byproduct
 * (compatibility mode, {@link SeedApiProperties}). Both go through the interactions topic like
 * streamed events, and both are idempotent (the original re-sends after any failure): a create is
 * the annotation's first event (a fixed session and sequence number), and a page's events have a
 * deterministic session and sequence numbers, so the stream processor folds them once.
 *
 * <p>The gateway never writes {@code ImageNetAnnotation} (the page assembler owns it): a create is
 * answered once the stored annotation shows its owner ({@code store-wait}, else 503 — send it
 * again), so the page PUT that follows finds it (read-your-writes), and a create that lost a race
 * for its id to another worker gets 409 like one that came later.
 *
 * <p>What is checked, since the original sends no capability: an existing annotation id is
 * refused to another worker (POST); an annotation of our page (bound to an assignment) is never
 * written here; a stored page is never replaced by other answers (409); {@code isDone} is a claim,
 * accepted only on the HIT's last page once every other page is stored.
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

  SeedWritesController(HitStore hits, WorkerPseudonyms pseudonyms, EventPublisher publisher, SeedApiProperties seedApi,
      AssignmentBinding binding, StoredAnnotations stored, BindingRefusals refusals) {
    this.refusals = refusals;
    this.hits = hits;
    this.pseudonyms = pseudonyms;
    this.publisher = publisher;
    this.seedApi = seedApi;
    this.ownership = new SeedOwnership(stored, binding, refusals);
    this.checks = new SeedPageChecks(stored, seedApi.doneWait());
  }

  @PostMapping(path = "/api/imagenet/{hitDatasetName}/hits/{imageNetHitId}/annotations", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Object>> create(@PathVariable String hitDatasetName, @PathVariable String imageNetHitId,
      @RequestBody(required = false) String body) {
    if (!seedApi.enabled()) {
      return Mono.just(SeedApiProperties.off());
    }
    return answered(Blocking.call(() -> publishCreate(hitDatasetName, imageNetHitId, body))
        .flatMap(step -> step.answer() != null ? Mono.just(step.answer())
            : awaitOwner(step.annotationId(), hitDatasetName, imageNetHitId, step.workerPseudonym())));
  }

  /** A create after its event is published: answered now, or once its annotation is stored (answer null). */
  private record CreateStep(ResponseEntity<Object> answer, String annotationId, String workerPseudonym) {}

  private CreateStep publishCreate(String hitDatasetName, String imageNetHitId, String body) throws InterruptedException {
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
    String session = "rest:" + created.id() + ":start";
    publish(List.of(envelope.event(session, 1, 1, created.startedAt(), now)
        .setPayload(new HitStarted(created.startedAt(), created.annotatorId())).build()));
    return existing.isPresent() ? new CreateStep(ResponseEntity.ok(Map.of("id", created.id())), null, null)
        : new CreateStep(null, created.id(), pseudonym);
  }

  /**
   * Polls for the stored annotation (a create travels through Kafka, the stream processor and the
   * page assembler) for up to {@code store-wait}, holding no thread between polls; the stored owner
   * decides the answer.
   */
  private Mono<ResponseEntity<Object>> awaitOwner(String annotationId, String hitDatasetName, String imageNetHitId,
      String workerPseudonym) {
    return Blocking.call(() -> ownership.find(annotationId))
        .flatMap(Mono::justOrEmpty)
        .repeatWhenEmpty(polls -> polls.delayElements(STORE_POLL))
        .timeout(seedApi.storeWait(), Mono.error(NotStored::new))
        .map(stored -> {
          SeedOwnership.Decision decision = ownership.create(stored, hitDatasetName, imageNetHitId, workerPseudonym);
          return decision.refusal() != null ? decision.refusal() : ResponseEntity.<Object>ok(Map.of("id", annotationId));
        });
  }

  @PutMapping(path = "/api/imagenet/{hitDatasetName}/annotations/{annotationId}", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Object>> page(@PathVariable String hitDatasetName, @PathVariable String annotationId,
      @RequestBody(required = false) String body) {
    if (!seedApi.enabled()) {
      return Mono.just(SeedApiProperties.off());
    }
    return answered(Blocking.call(() -> {
      SeedBodies.PageWrite page = SeedBodies.pageWrite(SeedBodies.parse(body));
      Optional<StoredAnnotations.Annotation> stored = ownership.find(annotationId);
      if (stored.isEmpty() || !hitDatasetName.equals(stored.get().hitDatasetName())) {
        return error(HttpStatus.NOT_FOUND, "no annotation '" + annotationId + "' in dataset '" + hitDatasetName
            + "'; create it first with POST /api/imagenet/" + hitDatasetName + "/hits/{imageNetHitID}/annotations");
      }
      SeedOwnership.Decision decision = ownership.pageWrite(stored.get());
      if (decision.refusal() != null) {
        return decision.refusal();
      }
      SeedPageChecks.Verdict verdict = checks.check(hitDatasetName, stored.get().imageNetHitId(), annotationId, page);
      if (verdict.refusal() != null) {
        if (verdict.reason() != null) {
          refusals.count(verdict.reason());
        }
        return verdict.refusal();
      }
      if (verdict.alreadyStored()) {
        return ResponseEntity.ok(Map.of("id", annotationId, "pageno", page.pageNo()));
      }
      List<InteractionEvent> events;
      try {
        events = PageEvents.of(decision.envelope(), page.pageNo(), page.pageId(), page.startedAt(), page.endedAt(),
            page.images(), page.isDone(), System.currentTimeMillis());
      } catch (IllegalArgumentException e) {
        throw new BadRequest(e.getMessage());
      }
      publish(events);
      return ResponseEntity.<Object>ok(Map.of("id", annotationId, "pageno", page.pageNo()));
    }));
  }

  private void publish(List<InteractionEvent> events) throws InterruptedException {
    try {
      publisher.publish(events).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new NotDurable(e);
    }
  }

  private static Mono<ResponseEntity<Object>> answered(Mono<ResponseEntity<Object>> answer) {
    return Blocking.badRequestsAnswered(answer)
        .onErrorResume(NotDurable.class, e -> Mono.just(error(HttpStatus.SERVICE_UNAVAILABLE,
            "the events could not be written to Kafka; send the request again")))
        .onErrorResume(NotStored.class, e -> Mono.just(error(HttpStatus.SERVICE_UNAVAILABLE,
            "the annotation is not stored yet; send the request again")));
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
