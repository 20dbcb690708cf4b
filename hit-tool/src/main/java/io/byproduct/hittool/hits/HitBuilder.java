package io.byproduct.hittool.hits;

import io.byproduct.hittool.manifest.ImageRole;
import io.byproduct.hittool.manifest.Manifest;
import io.byproduct.hittool.manifest.ManifestClass;
import io.byproduct.hittool.manifest.ManifestImage;
import io.byproduct.hittool.manifest.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds HITs from a (valid) manifest: pages of one class each, holding candidates of that class
 * and, if asked, positive controls (known images of the class) and negative controls (images of
 * its most similar class), shuffled together; pages grouped into HITs of different classes.
 *
 * <p>The rules, all deterministic from {@link BuildOptions#seed()}:
 * <ul>
 *   <li>A class with {@code n} candidates gets {@code ceil(n × repeats / c)} pages of {@code c}
 *       candidates each ({@code c} = images per page less controls). Its shuffled candidates are
 *       dealt round-robin, so every candidate is on {@code repeats} pages; to fill the last page,
 *       the first few candidates of the shuffle get one more page. No page shows an image twice.
 *   <li>Pages go into HITs in turn, the class with the most pages left first, each HIT with
 *       different classes while enough are left, and never a candidate twice in one HIT (so
 *       {@code repeats} pages of a candidate are judged by {@code repeats} different workers).
 *       Only the last HIT may have fewer pages.
 *   <li>Then each page gets its controls: positive ones from the class's {@code control} images,
 *       negative ones from the {@code similarTo} class's control images (its candidates too, only
 *       if it has fewer control images than a page needs). The least used images are taken first,
 *       and images already in the HIT only when nothing else is left, so a worker rarely meets
 *       the same picture twice. Pages of a HIT and images of a page are shuffled.
 * </ul>
 */
public final class HitBuilder {

  /** DynamoDB's item limit is 400 KB; the HIT's JSON is a little larger than the item, so this is safe. */
  static final int MAX_HIT_JSON_BYTES = 400_000;
  static final int MAX_HIT_ID_LENGTH = 256;

  private HitBuilder() {}

  /** One page's class and candidates, before it is placed in a HIT and given its controls. */
  private record PagePlan(ManifestClass cls, int index, List<ManifestImage> candidates, Set<String> candidateIds) {}

  /** Where a class's controls come from. */
  private record ControlPools(List<ManifestImage> positives, List<ManifestImage> negatives) {}

  /** The pages of one class waiting to be placed. */
  private static final class ClassQueue {
    final String classId;
    final Deque<PagePlan> pages = new ArrayDeque<>();
    /** Breaks ties between classes with as many pages left; set before grouping. */
    int order;

    ClassQueue(String classId) {
      this.classId = classId;
    }
  }

  /**
   * @throws HitBuildException listing every reason the manifest cannot give these HITs
   * @throws IllegalArgumentException if the manifest was not checked and has unknown class ids
   */
  public static BuiltHits build(Manifest manifest, BuildOptions options) {
    List<Problem> optionProblems = options.problems().stream().map(p -> Problem.error("options", p)).toList();
    if (!optionProblems.isEmpty()) {
      throw new HitBuildException(optionProblems);
    }
    return new Build(manifest, options).run();
  }

  /** One build: the manifest's images by class and role, and what was found on the way. */
  private static final class Build {
    final Manifest manifest;
    final BuildOptions options;
    final long seed;
    final List<Problem> problems = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final Map<String, List<ManifestImage>> candidates = new LinkedHashMap<>();
    final Map<String, List<ManifestImage>> controls = new LinkedHashMap<>();
    final Map<String, ControlPools> pools = new HashMap<>();

    Build(Manifest manifest, BuildOptions options) {
      this.manifest = manifest;
      this.options = options;
      this.seed = options.seed();
      for (String id : manifest.classesById().keySet()) {
        candidates.put(id, new ArrayList<>());
        controls.put(id, new ArrayList<>());
      }
      for (ManifestImage image : manifest.images()) {
        List<ManifestImage> list = (image.role() == ImageRole.CONTROL ? controls : candidates).get(image.classId());
        if (list == null) {
          throw new IllegalArgumentException("image '" + image.id() + "' has an unknown class '" + image.classId()
              + "'; check the manifest first (ManifestReader.check)");
        }
        list.add(image);
      }
    }

    BuiltHits run() {
      List<ClassQueue> queues = new ArrayList<>();
      int candidateCount = 0;
      for (ManifestClass c : manifest.classesById().values()) {
        ClassQueue queue = plan(c);
        if (queue != null) {
          queues.add(queue);
          candidateCount += candidates.get(c.id()).size();
        }
      }
      if (queues.isEmpty() && problems.isEmpty()) {
        problems.add(Problem.error("images", "no candidate images: there is nothing for workers to judge"));
      }
      if (!problems.isEmpty()) {
        throw new HitBuildException(problems);
      }
      // ties between classes with as many pages left are broken in an order shuffled from the seed
      Seeds.shuffle(queues, Seeds.random(seed, "class-order"));
      for (int i = 0; i < queues.size(); i++) {
        queues.get(i).order = i;
      }
      List<BuiltHit> hits = assemble(group(queues, options.pages()));
      if (!problems.isEmpty()) {
        throw new HitBuildException(problems);
      }
      int pages = hits.stream().mapToInt(h -> h.pages().size()).sum();
      return new BuiltHits(hits, notes, candidateCount, pages);
    }

    /** The class's candidate pages and control pools, or {@code null} (and problems or a note) if it has no pages. */
    ClassQueue plan(ManifestClass c) {
      List<ManifestImage> own = candidates.get(c.id());
      if (own.isEmpty()) {
        notes.add("class '" + c.id() + "' has " + (controls.get(c.id()).isEmpty() ? "no images" : "only control images")
            + ": it gets no pages");
        return null;
      }
      String where = "class '" + c.id() + "'";
      int perPage = options.candidatesPerPage();
      int before = problems.size();
      if (own.size() < perPage) {
        problems.add(Problem.error(where, "has " + own.size() + " candidate image(s), but a page needs " + perPage
            + " candidates (" + options.imagesPerPage() + " images per page less " + options.positiveControls()
            + " positive and " + options.negativeControls() + " negative controls); add candidates or lower"
            + " --images-per-page"));
      }
      List<ManifestImage> positives = shuffled(controls.get(c.id()), seed, "positives", c.id());
      if (options.positiveControls() > positives.size()) {
        problems.add(Problem.error(where, "has " + positives.size() + " control image(s) (role 'control'), but"
            + " --positive-controls " + options.positiveControls() + " needs that many on each of its pages"));
      }
      List<ManifestImage> negatives = List.of();
      if (options.negativeControls() > 0) {
        if (c.similarTo() == null) {
          problems.add(Problem.error(where, "has no 'similarTo' class, but --negative-controls "
              + options.negativeControls() + " takes negative controls from the most similar class"));
        } else {
          negatives = new ArrayList<>(shuffled(controls.get(c.similarTo()), seed, "negatives", c.id()));
          if (negatives.size() < options.negativeControls()) {
            negatives.addAll(shuffled(candidates.get(c.similarTo()), seed, "negative-candidates", c.id()));
          }
          if (negatives.size() < options.negativeControls()) {
            problems.add(Problem.error(where, "its most similar class '" + c.similarTo() + "' has " + negatives.size()
                + " image(s), but --negative-controls " + options.negativeControls()
                + " needs that many on each page of '" + c.id() + "'"));
          }
        }
      }
      if (problems.size() > before) {
        return null;
      }
      pools.put(c.id(), new ControlPools(positives, negatives));
      ClassQueue queue = new ClassQueue(c.id());
      List<ManifestImage> dealt = shuffled(own, seed, "candidates", c.id());
      long slots = (long) own.size() * options.repeats();
      int pageCount = (int) ((slots + perPage - 1) / perPage);
      for (int j = 0; j < pageCount; j++) {
        queue.pages.add(candidatePage(c, j, dealt, perPage));
      }
      return queue;
    }

    /** Names the HITs, gives every page its controls, shuffles. */
    List<BuiltHit> assemble(List<List<PagePlan>> grouped) {
      int total = grouped.size();
      List<BuiltHit> hits = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      Map<String, Integer> controlUses = new HashMap<>();
      for (int h = 0; h < total; h++) {
        String id = options.naming().hitId(manifest.dataset(), h + 1, total);
        String idProblem = hitIdProblem(id);
        if (idProblem != null || !ids.add(id)) {
          problems.add(Problem.error("HIT " + (h + 1), idProblem != null ? idProblem : "the HIT id '" + id
              + "' is given to more than one HIT: the naming must give every HIT its own id"));
          continue;
        }
        List<PagePlan> plans = new ArrayList<>(grouped.get(h));
        Seeds.shuffle(plans, Seeds.random(seed, "hit-pages", h));
        Set<String> inHit = new HashSet<>();
        plans.forEach(plan -> inHit.addAll(plan.candidateIds()));
        List<HitPage> pages = new ArrayList<>();
        for (PagePlan plan : plans) {
          pages.add(withControls(plan, pages.size() + 1, inHit, controlUses));
        }
        BuiltHit hit = new BuiltHit(manifest.dataset(), id, options.unique(), pages);
        int bytes = HitJson.toJson(hit).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_HIT_JSON_BYTES) {
          problems.add(Problem.error("HIT '" + id + "'", "would be " + bytes / 1024 + " KB, over DynamoDB's item"
              + " limit of 400 KB: lower --pages or --images-per-page, or shorten the classes' texts"));
        }
        if (pages.size() < options.pages()) {
          notes.add(h == total - 1
              ? "the last HIT, " + id + ", has " + pages.size() + " of " + options.pages() + " pages"
              : "HIT " + id + " has " + pages.size() + " of " + options.pages() + " pages: no other page could join"
                  + " it without showing a candidate twice to one worker");
        }
        hits.add(hit);
      }
      return hits;
    }

    HitPage withControls(PagePlan plan, int pageno, Set<String> inHit, Map<String, Integer> uses) {
      ControlPools pool = pools.get(plan.cls().id());
      List<ManifestImage> images = new ArrayList<>(plan.candidates());
      Map<String, Control> pageControls = new LinkedHashMap<>();
      Set<String> onPage = new HashSet<>(plan.candidateIds());
      for (ManifestImage image : pickControls(pool.positives(), options.positiveControls(), inHit, onPage, uses)) {
        images.add(image);
        pageControls.put(image.id(), Control.POSITIVE);
      }
      for (ManifestImage image : pickControls(pool.negatives(), options.negativeControls(), inHit, onPage, uses)) {
        images.add(image);
        pageControls.put(image.id(), Control.NEGATIVE);
      }
      Seeds.shuffle(images, Seeds.random(seed, "page", plan.cls().id(), plan.index()));
      return new HitPage(pageno, plan.cls(), images, pageControls,
          options.negativeControls() > 0 ? plan.cls().similarTo() : null);
    }
  }

  private static PagePlan candidatePage(ManifestClass c, int j, List<ManifestImage> dealt, int perPage) {
    List<ManifestImage> candidates = new ArrayList<>(perPage);
    Set<String> ids = new HashSet<>();
    for (int k = 0; k < perPage; k++) {
      ManifestImage image = dealt.get((int) (((long) j * perPage + k) % dealt.size()));
      candidates.add(image);
      ids.add(image.id());
    }
    return new PagePlan(c, j, candidates, ids);
  }

  /**
   * {@code count} images of the pool that are not on the page yet: those not in the HIT yet first,
   * then the least used, then in pool order (shuffled from the seed). Marks them used, in the HIT
   * and on the page.
   */
  private static List<ManifestImage> pickControls(List<ManifestImage> pool, int count, Set<String> inHit,
      Set<String> onPage, Map<String, Integer> uses) {
    if (count == 0) {
      return List.of();
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < pool.size(); i++) {
      if (!onPage.contains(pool.get(i).id())) {
        order.add(i);
      }
    }
    order.sort(Comparator.<Integer>comparingInt(i -> inHit.contains(pool.get(i).id()) ? 1 : 0)
        .thenComparingInt(i -> uses.getOrDefault(pool.get(i).id(), 0))
        .thenComparingInt(i -> i));
    List<ManifestImage> picked = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ManifestImage image = pool.get(order.get(i));
      picked.add(image);
      uses.merge(image.id(), 1, Integer::sum);
      inHit.add(image.id());
      onPage.add(image.id());
    }
    return picked;
  }

  /** Pages into HITs: most pages left first, different classes while possible, never a candidate twice in a HIT. */
  private static List<List<PagePlan>> group(List<ClassQueue> queues, int pagesPerHit) {
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

  private static String hitIdProblem(String id) {
    if (id == null || id.isBlank()) {
      return "the HIT naming gave an empty id";
    }
    if (id.indexOf('|') >= 0 || id.length() > MAX_HIT_ID_LENGTH) {
      return "the HIT id '" + id + "' must be at most " + MAX_HIT_ID_LENGTH + " characters without '|'";
    }
    return null;
  }

  private static List<ManifestImage> shuffled(List<ManifestImage> images, long seed, String purpose, String classId) {
    List<ManifestImage> copy = new ArrayList<>(images);
    Seeds.shuffle(copy, Seeds.random(seed, purpose, classId));
    return copy;
  }
}
