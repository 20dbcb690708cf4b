package io.byproduct.gateway.seedapi;

import static io.byproduct.gateway.api.ApiErrors.error;

import io.byproduct.gateway.binding.BindingRefusals.Reason;
import io.byproduct.gateway.binding.StoredAnnotations;
import io.byproduct.schemas.record.ImageRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * What a page PUT of the original front end may do to a stored annotation: write a page the HIT
 * has; never replace a stored page with other content (409; the same content again, by its content
 * hash, is a resend);
 * claim {@code isDone} only on the HIT's last page and only once every other page is stored (it
 * waits up to {@code doneWait} for pages still on their way through Kafka, then 409).
 */
final class SeedPageChecks {

  /** The outcome: a refusal to answer (and its reason to count, if it is one), or whether the same page is already stored. */
  record Verdict(ResponseEntity<Object> refusal, Reason reason, boolean alreadyStored) {
    static final Verdict WRITE = new Verdict(null, null, false);
    static final Verdict RESEND = new Verdict(null, null, true);

    static Verdict refuse(HttpStatus status, String message) {
      return new Verdict(error(status, message), null, false);
    }

    static Verdict refuse(Reason reason, String message) {
      return new Verdict(error(HttpStatus.CONFLICT, message), reason, false);
    }
  }

  private static final long POLL_MS = 200;

  private final StoredAnnotations stored;
  private final Duration doneWait;

  SeedPageChecks(StoredAnnotations stored, Duration doneWait) {
    this.stored = stored;
    this.doneWait = doneWait;
  }

  Verdict check(String hitDatasetName, String imageNetHitId, String annotationId, SeedBodies.PageWrite page)
      throws InterruptedException {
    Optional<StoredAnnotations.Hit> hit = stored.hit(hitDatasetName, imageNetHitId);
    if (hit.isEmpty()) {
      return Verdict.refuse(HttpStatus.NOT_FOUND, "no HIT '" + imageNetHitId + "' in dataset '" + hitDatasetName + "'");
    }
    List<Integer> pages = hit.get().pages();
    if (!pages.contains(page.pageNo())) {
      return Verdict.refuse(HttpStatus.BAD_REQUEST, "page.pageno: HIT '" + imageNetHitId + "' has no page " + page.pageNo());
    }
    Optional<JsonNode> existing = stored.page(annotationId, page.pageNo());
    if (existing.isPresent()) {
      return sameVersion(existing.get(), page) ? Verdict.RESEND : otherVersionStored(annotationId, page.pageNo());
    }
    if (!page.isDone()) {
      return Verdict.WRITE;
    }
    int last = pages.get(pages.size() - 1);
    if (page.pageNo() != last) {
      return Verdict.refuse(Reason.EARLY_DONE, "isDone: page " + page.pageNo() + " is not the HIT's last page ("
          + last + "); a HIT is done when all its pages are stored");
    }
    List<Integer> missing = missing(annotationId, pages, page.pageNo());
    long deadline = System.nanoTime() + doneWait.toNanos();
    while (!missing.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(POLL_MS);
      missing = missing(annotationId, pages, page.pageNo());
    }
    return missing.isEmpty() ? Verdict.WRITE : Verdict.refuse(Reason.EARLY_DONE, "isDone: pages " + missing
        + " of annotation '" + annotationId + "' are not stored; send them first");
  }

  private List<Integer> missing(String annotationId, List<Integer> pages, int except) {
    Set<Integer> have = stored.storedPages(annotationId);
    List<Integer> missing = new ArrayList<>();
    for (int p : pages) {
      if (p != except && !have.contains(p)) {
        missing.add(p);
      }
    }
    return missing;
  }

  /** The refusal of a write over a page stored with other content. */
  static Verdict otherVersionStored(String annotationId, int pageNo) {
    return Verdict.refuse(Reason.PAGE_STORED, "page " + pageNo + " of annotation '" + annotationId + "' is stored"
        + " with other content; a stored page is never replaced (the first version stored counts): load the page"
        + " again to go on after it");
  }

  /**
   * The stored page is this version: the same content hash; for a page stored without one (before
   * hashes), the same answers.
   */
  static boolean sameVersion(JsonNode storedPage, SeedBodies.PageWrite page) {
    JsonNode hash = storedPage.get("contentHash");
    return hash != null && hash.isString() ? hash.asString().equals(page.contentHash()) : sameAnswers(storedPage, page);
  }

  /** The same answers: the page's start time and, image by image in order, its id and whether it was selected. */
  static boolean sameAnswers(JsonNode storedPage, SeedBodies.PageWrite page) {
    if (storedPage.path("startedAt").asLong(-1) != page.startedAt()) {
      return false;
    }
    JsonNode images = storedPage.path("annotations");
    if (images.size() != page.images().size()) {
      return false;
    }
    for (int i = 0; i < images.size(); i++) {
      ImageRecord sent = page.images().get(i);
      JsonNode kept = images.get(i);
      if (!sent.getImageID().equals(kept.path("imageID").asString(null)) || sent.getSelected() != kept.path("selected").asBoolean()) {
        return false;
      }
    }
    return true;
  }
}
