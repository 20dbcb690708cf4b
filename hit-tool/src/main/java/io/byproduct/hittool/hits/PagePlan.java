package io.byproduct.hittool.hits;

import io.byproduct.hittool.manifest.ManifestClass;
import io.byproduct.hittool.manifest.ManifestImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One page's class and candidates, before it is placed in a HIT and given its controls. */
record PagePlan(ManifestClass cls, int index, List<ManifestImage> candidates, Set<String> candidateIds) {

  /** Page {@code j} of the class: {@code perPage} candidates dealt round-robin from {@code dealt}. */
  static PagePlan dealt(ManifestClass c, int j, List<ManifestImage> dealt, int perPage) {
    List<ManifestImage> candidates = new ArrayList<>(perPage);
    Set<String> ids = new HashSet<>();
    for (int k = 0; k < perPage; k++) {
      ManifestImage image = dealt.get((int) (((long) j * perPage + k) % dealt.size()));
      candidates.add(image);
      ids.add(image.id());
    }
    return new PagePlan(c, j, candidates, ids);
  }
}
