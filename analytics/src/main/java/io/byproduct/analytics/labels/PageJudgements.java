package io.byproduct.analytics.labels;

import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns stored pages into judgements: every image of a submitted page is one judgement of its
 * worker on (image, the page's class), positive when the image was selected at the end of the
 * page. A page counts once: when the topic holds it more than once (a re-send, a replay into the
 * same topic) the last record wins. Abandoned pages, pages without a worker, and pages whose HIT
 * or class is not found are left out and counted. Only what a judgement needs is kept of a page
 * (its ids, status, worker and each image's id and selection), not its trajectories.
 */
public final class PageJudgements {

  /** What was read and what was left out. */
  public record Counts(long pages, long duplicates, long abandoned, long withoutWorker, long withoutClass) {}

  /** What is kept of a page. */
  private record Selections(String dataset, String hit, int pageNo, boolean submitted, String worker,
      String[] imageIds, boolean[] selected) {}

  private final Map<String, Selections> latest = new LinkedHashMap<>();
  private long read;

  /** Adds a stored page (in topic order). */
  public void add(PageRecord page) {
    read++;
    List<ImageRecord> images = page.getImages();
    String[] ids = new String[images.size()];
    boolean[] selected = new boolean[images.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = images.get(i).getImageID();
      selected[i] = images.get(i).getSelected();
    }
    latest.put(page.getAnnotationId() + '\u0000' + page.getPageNo(), new Selections(page.getHitDatasetName(),
        page.getImageNetHitId(), page.getPageNo(), page.getStatus() == PageStatus.SUBMITTED, page.getWorkerId(), ids,
        selected));
  }

  /** The judgements of the distinct submitted pages, and what was left out. */
  public Result judgements(PageClasses classes) {
    Judgements judgements = new Judgements();
    long abandoned = 0;
    long withoutWorker = 0;
    long withoutClass = 0;
    for (Selections page : latest.values()) {
      if (!page.submitted()) {
        abandoned++;
        continue;
      }
      if (page.worker() == null || page.worker().isBlank()) {
        withoutWorker++;
        continue;
      }
      var pageClass = classes.classOf(page.dataset(), page.hit(), page.pageNo());
      if (pageClass.isEmpty()) {
        withoutClass++;
        continue;
      }
      for (int i = 0; i < page.imageIds().length; i++) {
        ItemKey item = new ItemKey(page.imageIds()[i], pageClass.get().classId());
        judgements.add(item, page.worker(), page.selected()[i]);
        String role = pageClass.get().controls().get(page.imageIds()[i]);
        if (role != null) {
          judgements.markControl(item, role);
        }
      }
    }
    return new Result(judgements,
        new Counts(latest.size(), read - latest.size(), abandoned, withoutWorker, withoutClass));
  }

  /** The judgements and the counts. */
  public record Result(Judgements judgements, Counts counts) {}
}
