package io.byproduct.hittool.hits;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Groups pages into HITs: the class with the most pages left first, different classes in a HIT
 * while enough are left, and never a candidate twice in one HIT.
 */
final class PageGrouper {

  private PageGrouper() {}

  /** Takes every page out of the queues; returns the HITs' pages, each HIT at most {@code pagesPerHit}. */
  static List<List<PagePlan>> group(List<ClassQueue> queues, int pagesPerHit) {
    Comparator<ClassQueue> mostLeftFirst = Comparator.<ClassQueue>comparingInt(q -> -q.pages.size())
        .thenComparingInt(q -> q.order);
    TreeSet<ClassQueue> open = new TreeSet<>(mostLeftFirst);
    open.addAll(queues);
    List<List<PagePlan>> hits = new ArrayList<>();
    while (!open.isEmpty()) {
      List<PagePlan> hit = new ArrayList<>();
      Set<String> classesInHit = new HashSet<>();
      Set<String> candidatesInHit = new HashSet<>();
      while (hit.size() < pagesPerHit) {
        ClassQueue pick = pick(open, classesInHit, candidatesInHit, false);
        if (pick == null) {
          pick = pick(open, classesInHit, candidatesInHit, true);
        }
        if (pick == null) {
          break;
        }
        open.remove(pick);
        PagePlan page = pick.pages.poll();
        if (!pick.pages.isEmpty()) {
          open.add(pick);
        }
        hit.add(page);
        classesInHit.add(pick.classId);
        candidatesInHit.addAll(page.candidateIds());
      }
      hits.add(hit);
    }
    return hits;
  }

  private static ClassQueue pick(TreeSet<ClassQueue> open, Set<String> classesInHit, Set<String> candidatesInHit,
      boolean sameClassAgain) {
    for (ClassQueue queue : open) {
      if (classesInHit.contains(queue.classId) != sameClassAgain) {
        continue;
      }
      Set<String> ids = queue.pages.peek().candidateIds();
      if (ids.stream().noneMatch(candidatesInHit::contains)) {
        return queue;
      }
    }
    return null;
  }
}
