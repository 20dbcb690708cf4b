package io.byproduct.hittool.hits;

import io.byproduct.hittool.manifest.ImageRole;
import io.byproduct.hittool.manifest.Manifest;
import io.byproduct.hittool.manifest.ManifestClass;
import io.byproduct.hittool.manifest.ManifestImage;
import io.byproduct.hittool.manifest.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans each class of a manifest: its candidate pages (every candidate on {@code repeats} pages)
 * and the pools its positive and negative controls come from, or the reasons the options ask for
 * more images than the class has.
 */
final class ClassPlanner {

  /** Where a class's controls come from. */
  record ControlPools(List<ManifestImage> positives, List<ManifestImage> negatives) {}

  private final BuildOptions options;
  private final long seed;
  private final Map<String, List<ManifestImage>> candidates = new LinkedHashMap<>();
  private final Map<String, List<ManifestImage>> controls = new LinkedHashMap<>();
  private final Map<String, ControlPools> pools = new HashMap<>();

  /** @throws IllegalArgumentException if the manifest was not checked and has unknown class ids */
  ClassPlanner(Manifest manifest, BuildOptions options) {
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

  int candidateCount(String classId) {
    return candidates.get(classId).size();
  }

  /** The pools of a class that {@link #plan} gave pages. */
  ControlPools pools(String classId) {
    return pools.get(classId);
  }

  /**
   * The class's candidate pages (its control pools kept for {@link #pools}), or {@code null} (and
   * problems or a note) if it has no pages.
   */
  ClassQueue plan(ManifestClass c, List<Problem> problems, List<String> notes) {
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
    List<ManifestImage> positives = shuffled(controls.get(c.id()), "positives", c.id());
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
        negatives = new ArrayList<>(shuffled(controls.get(c.similarTo()), "negatives", c.id()));
        if (negatives.size() < options.negativeControls()) {
          negatives.addAll(shuffled(candidates.get(c.similarTo()), "negative-candidates", c.id()));
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
    List<ManifestImage> dealt = shuffled(own, "candidates", c.id());
    long slots = (long) own.size() * options.repeats();
    int pageCount = (int) ((slots + perPage - 1) / perPage);
    for (int j = 0; j < pageCount; j++) {
      queue.pages.add(PagePlan.dealt(c, j, dealt, perPage));
    }
    return queue;
  }

  private List<ManifestImage> shuffled(List<ManifestImage> images, String purpose, String classId) {
    List<ManifestImage> copy = new ArrayList<>(images);
    Seeds.shuffle(copy, Seeds.random(seed, purpose, classId));
    return copy;
  }
}
