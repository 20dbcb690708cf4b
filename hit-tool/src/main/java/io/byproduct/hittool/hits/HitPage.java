package io.byproduct.hittool.hits;

import io.byproduct.hittool.manifest.ManifestClass;
import io.byproduct.hittool.manifest.ManifestImage;
import java.util.List;
import java.util.Map;

/**
 * A page of a HIT: one class and its images in the order shown.
 *
 * @param pageno 1-based
 * @param cls the class the worker looks for
 * @param images candidates and controls, shuffled together
 * @param controls the control images of this page by image id; the others are candidates
 * @param negativeControlClass the class the negative controls come from, or {@code null}
 */
public record HitPage(int pageno, ManifestClass cls, List<ManifestImage> images, Map<String, Control> controls,
    String negativeControlClass) {

  public HitPage {
    images = List.copyOf(images);
    controls = Map.copyOf(controls);
  }

  /** The images workers judge (not the controls), in page order. */
  public List<ManifestImage> candidates() {
    return images.stream().filter(i -> !controls.containsKey(i.id())).toList();
  }

  HitPage renumbered(int newPageno) {
    return new HitPage(newPageno, cls, images, controls, negativeControlClass);
  }
}
