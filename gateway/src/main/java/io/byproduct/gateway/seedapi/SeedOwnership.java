package io.byproduct.gateway.seedapi;

import static io.byproduct.gateway.api.ApiErrors.error;

import io.byproduct.gateway.binding.BindingRefusals;
import io.byproduct.gateway.binding.BindingRefusals.Reason;
import io.byproduct.gateway.binding.StoredAnnotations;
import io.byproduct.platform.workers.AssignmentBinding;
import io.byproduct.schemas.event.InterfaceVersion;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Who a seed-API annotation belongs to, read from {@code ImageNetAnnotation} — which only the page
 * assembler writes: the gateway publishes a create as an event and waits until the stored
 * annotation shows who won. The stream processor keeps the first envelope of an annotation id (a
 * second create with the same id is the same session and sequence number, so a duplicate), so the
 * stored owner decides: another worker's id, another HIT's id or an annotation of our page is refused.
 */
final class SeedOwnership {

  /** A decision: the refusal to answer, or the envelope of the annotation's events (its stored ids). */
  record Decision(ResponseEntity<Object> refusal, Envelope envelope) {}

  private final StoredAnnotations stored;
  private final AssignmentBinding binding;
  private final BindingRefusals refusals;

  SeedOwnership(StoredAnnotations stored, AssignmentBinding binding, BindingRefusals refusals) {
    this.stored = stored;
    this.binding = binding;
    this.refusals = refusals;
  }

  /** The stored annotation, or empty if the page assembler has not written one (yet). */
  Optional<StoredAnnotations.Annotation> find(String annotationId) {
    return stored.find(annotationId);
  }

  /** A create of {@code workerPseudonym} on the HIT against the stored annotation with its id. */
  Decision create(StoredAnnotations.Annotation a, String hitDatasetName, String imageNetHitId, String workerPseudonym) {
    if (!hitDatasetName.equals(a.hitDatasetName()) || !imageNetHitId.equals(a.imageNetHitId())) {
      return new Decision(error(HttpStatus.CONFLICT, "annotation '" + a.id() + "' belongs to another HIT"), null);
    }
    if (!workerPseudonym.equals(a.workerPseudonym()) || boundToAssignment(a)) {
      refusals.count(Reason.NOT_OWNER);
      return new Decision(error(HttpStatus.CONFLICT, "annotation '" + a.id() + "' belongs to another worker"), null);
    }
    return new Decision(null, envelopeOf(a));
  }

  /** A page write into the stored annotation: never one of our page's. */
  Decision pageWrite(StoredAnnotations.Annotation a) {
    if (boundToAssignment(a)) {
      refusals.count(Reason.BOUND_ANNOTATION);
      return new Decision(error(HttpStatus.FORBIDDEN, "annotation '" + a.id() + "' is bound to an assignment of the"
          + " worker's page; it is written only with its capability, never through this API"), null);
    }
    return new Decision(null, envelopeOf(a));
  }

  /** An annotation of our page: its id is the one derived from its stored ids. */
  private boolean boundToAssignment(StoredAnnotations.Annotation a) {
    return binding.isDerived(a.id(), a.hitDatasetName(), a.imageNetHitId(), a.workerPseudonym(), a.assignmentId(),
        a.hitId());
  }

  private static Envelope envelopeOf(StoredAnnotations.Annotation a) {
    return new Envelope(a.id(), a.hitDatasetName(), a.imageNetHitId(), a.workerPseudonym(), a.assignmentId(), a.hitId(),
        InterfaceVersion.valueOf(a.version()));
  }
}
