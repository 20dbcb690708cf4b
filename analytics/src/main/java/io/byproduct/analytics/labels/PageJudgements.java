package io.byproduct.analytics.labels;

import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns stored pages into judgements: every image of a submitted page is one judgement of its
 * worker on (image, the page's class), positive when the image was selected at the end of the
 * page. A page counts once: when the topic holds it more than once (a re-send, a replay into the
 * same topic) the last record wins. Abandoned pages, pages without a worker, and pages whose HIT
 * or class is not found are left out and counted.
 */
public final class PageJudgements {

  /** What was read and what was left out. */
  public record Counts(long pages, long duplicates, long abandoned, long withoutWorker, long withoutClass) {}

  private final Map<String, PageRecord> latest = new LinkedHashMap<>();
  private long read;

  /** Adds a stored page (in topic order). */
  public void add(PageRecord page) {
    read++;
    latest.put(page.getAnnotationId() + '\u0000' + page.getPageNo(), page);
  }

  /** The judgements of the distinct submitted pages, and what was left out. */
  public Result judgements(PageClasses classes) {
    Judgements judgements = new Judgements();
    long abandoned = 0;
    long withoutWorker = 0;
    long withoutClass = 0;
    for (PageRecord page : latest.values()) {
      if (page.getStatus() != PageStatus.SUBMITTED) {
        abandoned++;
        continue;
      }
      if (page.getWorkerId() == null || page.getWorkerId().isBlank()) {
        withoutWorker++;
        continue;
      }
      var pageClass = classes.classOf(page.getHitDatasetName(), page.getImageNetHitId(), page.getPageNo());
      if (pageClass.isEmpty()) {
        withoutClass++;
        continue;
      }
      for (ImageRecord image : page.getImages()) {
        judgements.add(new ItemKey(image.getImageID(), pageClass.get()), page.getWorkerId(), image.getSelected());
      }
    }
    return new Result(judgements,
        new Counts(latest.size(), read - latest.size(), abandoned, withoutWorker, withoutClass));
  }

  /** The judgements and the counts. */
  public record Result(Judgements judgements, Counts counts) {}
}
