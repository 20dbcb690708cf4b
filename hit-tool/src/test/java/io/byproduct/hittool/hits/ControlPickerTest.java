package io.byproduct.hittool.hits;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.hittool.manifest.ManifestImage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ControlPickerTest {

  private static final List<ManifestImage> POOL = List.of(
      ManifestImage.control("a", "/a.jpg", "c"), ManifestImage.control("b", "/b.jpg", "c"),
      ManifestImage.control("c", "/c.jpg", "c"), ManifestImage.control("d", "/d.jpg", "c"));

  private static List<String> ids(List<ManifestImage> images) {
    return images.stream().map(ManifestImage::id).toList();
  }

  @Test
  void takesImagesNotOnThePageNotInTheHitThenLeastUsedThenInPoolOrder() {
    Set<String> inHit = new HashSet<>(Set.of("a"));
    Set<String> onPage = new HashSet<>(Set.of("b"));
    Map<String, Integer> uses = new HashMap<>(Map.of("c", 3));

    List<ManifestImage> picked = ControlPicker.pick(POOL, 3, inHit, onPage, uses);

    // b is on the page; d (unused) before c (used 3 times), both before a (already in the HIT)
    assertThat(ids(picked)).containsExactly("d", "c", "a");
    assertThat(uses).containsEntry("a", 1).containsEntry("c", 4).containsEntry("d", 1);
    assertThat(inHit).contains("a", "c", "d");
    assertThat(onPage).containsExactlyInAnyOrder("a", "b", "c", "d");
  }

  @Test
  void noControlsAskedTakesNothing() {
    Map<String, Integer> uses = new HashMap<>();
    assertThat(ControlPicker.pick(POOL, 0, new HashSet<>(), new HashSet<>(), uses)).isEmpty();
    assertThat(uses).isEmpty();
  }
}
