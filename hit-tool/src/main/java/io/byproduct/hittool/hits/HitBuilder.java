package io.byproduct.hittool.hits;

import io.byproduct.hittool.manifest.Manifest;
import io.byproduct.hittool.manifest.ManifestClass;
import io.byproduct.hittool.manifest.ManifestImage;
import io.byproduct.hittool.manifest.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /** One build: the classes' plans, and what was found on the way. */
  private static final class Build {
    final Manifest manifest;
    final BuildOptions options;
    final long seed;
    final ClassPlanner planner;
    final List<Problem> problems = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    Build(Manifest manifest, BuildOptions options) {
      this.manifest = manifest;
      this.options = options;
      this.seed = options.seed();
      this.planner = new ClassPlanner(manifest, options);
    }

    BuiltHits run() {
      List<ClassQueue> queues = new ArrayList<>();
      int candidateCount = 0;
      for (ManifestClass c : manifest.classesById().values()) {
        ClassQueue queue = planner.plan(c, problems, notes);
        if (queue != null) {
          queues.add(queue);
          candidateCount += planner.candidateCount(c.id());
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
      List<BuiltHit> hits = assemble(PageGrouper.group(queues, options.pages()));
      if (!problems.isEmpty()) {
        throw new HitBuildException(problems);
      }
      int pages = hits.stream().mapToInt(h -> h.pages().size()).sum();
      return new BuiltHits(hits, notes, candidateCount, pages);
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
      ClassPlanner.ControlPools pool = planner.pools(plan.cls().id());
      List<ManifestImage> images = new ArrayList<>(plan.candidates());
      Map<String, Control> pageControls = new LinkedHashMap<>();
      Set<String> onPage = new HashSet<>(plan.candidateIds());
      int positives = options.positiveControls();
      for (ManifestImage image : ControlPicker.pick(pool.positives(), positives, inHit, onPage, uses)) {
        images.add(image);
        pageControls.put(image.id(), Control.POSITIVE);
      }
      int negatives = options.negativeControls();
      for (ManifestImage image : ControlPicker.pick(pool.negatives(), negatives, inHit, onPage, uses)) {
        images.add(image);
        pageControls.put(image.id(), Control.NEGATIVE);
      }
      Seeds.shuffle(images, Seeds.random(seed, "page", plan.cls().id(), plan.index()));
      return new HitPage(pageno, plan.cls(), images, pageControls,
          options.negativeControls() > 0 ? plan.cls().similarTo() : null);
    }
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
}
