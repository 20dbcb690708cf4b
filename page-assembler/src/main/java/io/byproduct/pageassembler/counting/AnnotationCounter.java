package io.byproduct.pageassembler.counting;

import io.byproduct.platform.catalog.AnnotationCounts;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import io.byproduct.schemas.record.SandboxAnnotation;
import io.byproduct.schemas.record.SandboxImageRecord;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts each stored annotation once for its class and images ({@link AnnotationCounts}), after the
 * annotation itself was written: a submitted HIT page counts for the class of its HIT page and for
 * every image it holds; a sandbox submit for its class and images. Abandoned pages are stored but
 * not counted (the worker never submitted them). A page of an unknown version, HIT or image is
 * counted as far as it can be and the rest is skipped (metric {@code byproduct.assembler.counts}).
 */
public final class AnnotationCounter {

  private static final int CACHED_PAGES = 10_000;

  private final AnnotationCounts counts;
  private final HitStore hits;
  private final MeterRegistry meters;
  /** HIT pages' classes: a HIT never changes its pages' classes, so they are read once. */
  private final Map<String, Optional<String>> pageClasses = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
      return size() > CACHED_PAGES;
    }
  };

  public AnnotationCounter(AnnotationCounts counts, HitStore hits, MeterRegistry meters) {
    this.counts = counts;
    this.hits = hits;
    this.meters = meters;
  }

  public void count(PageRecord page) {
    if (page.getStatus() != PageStatus.SUBMITTED) {
      return;
    }
    String classId = classOf(page).orElse(null);
    count(page.getAnnotationId() + "#" + page.getPageNo(), page.getVersion(), classId,
        page.getImages().stream().map(ImageRecord::getImageID).toList());
  }

  public void count(SandboxAnnotation sandbox) {
    count(sandbox.getId(), sandbox.getVersion(), sandbox.getClassId(),
        sandbox.getImages().stream().map(SandboxImageRecord::getImageID).toList());
  }

  private void count(String contribution, String version, String classId, Collection<String> imageIds) {
    if (!AnnotationCounts.isVersion(version)) {
      meters.counter("byproduct.assembler.counts", "outcome", "unknown-version").increment();
      return;
    }
    AnnotationCounts.Outcome outcome = counts.count(contribution, version, classId, imageIds);
    meters.counter("byproduct.assembler.counts", "outcome", outcome.classCounted() ? "class-counted" : "class-skipped")
        .increment();
    meters.counter("byproduct.assembler.counts", "outcome", "image-counted").increment(outcome.imagesCounted());
    meters.counter("byproduct.assembler.counts", "outcome", "image-skipped").increment(outcome.imagesSkipped());
  }

  private Optional<String> classOf(PageRecord page) {
    if (page.getHitDatasetName() == null || page.getImageNetHitId() == null) {
      return Optional.empty();
    }
    String key = page.getHitDatasetName() + "|" + page.getImageNetHitId() + "|" + page.getPageNo();
    synchronized (pageClasses) {
      Optional<String> cached = pageClasses.get(key);
      if (cached != null) {
        return cached;
      }
    }
    Optional<String> found = hits.classOfPage(page.getHitDatasetName(), page.getImageNetHitId(), page.getPageNo());
    synchronized (pageClasses) {
      pageClasses.put(key, found);
    }
    return found;
  }
}
