package io.byproduct.hittool.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.hittool.hits.BuiltHit;
import io.byproduct.hittool.hits.BuiltHits;
import io.byproduct.hittool.hits.Control;
import io.byproduct.hittool.hits.HitJson;
import io.byproduct.hittool.hits.HitPage;
import io.byproduct.hittool.manifest.ManifestImage;
import io.byproduct.hittool.manifest.ManifestLoad;
import io.byproduct.hittool.manifest.ManifestReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo dataset is a HIT tool manifest built into the two HITs the README and devstack name. */
class DemoDatasetTest {

  @Test
  void twoHits_ofThreePagesOf48Images_withTwoPositiveAndTwoNegativeControlsPerPage() {
    BuiltHits built = DemoDataset.build();

    assertThat(built.ids()).isEqualTo(DemoDataset.HIT_IDS).containsExactly("demo-hit-01", "demo-hit-02");
    Set<String> candidatesShown = new HashSet<>();
    for (BuiltHit hit : built.hits()) {
      assertThat(hit.dataset()).isEqualTo(DemoDataset.DATASET);
      assertThat(hit.pages()).hasSize(3);
      assertThat(hit.pages()).extracting(p -> p.cls().id())
          .containsExactlyInAnyOrder("demo-circle", "demo-square", "demo-triangle");
      for (HitPage page : hit.pages()) {
        assertThat(page.images()).hasSize(48).extracting(ManifestImage::id).doesNotHaveDuplicates();
        assertThat(page.controls().values()).containsExactlyInAnyOrder(Control.POSITIVE, Control.POSITIVE,
            Control.NEGATIVE, Control.NEGATIVE);
        String wnid = page.cls().wnid();
        String similarWnid = DemoDataset.CLASSES.stream().filter(c -> c.id().equals(page.negativeControlClass()))
            .findFirst().orElseThrow().wnid();
        page.controls().forEach((id, kind) -> assertThat(id).startsWith(
            "demo/" + (kind == Control.POSITIVE ? wnid : similarWnid) + "_"));
        page.candidates().forEach(c -> candidatesShown.add(c.id()));
      }
    }
    assertThat(candidatesShown).hasSize(3 * 88);
    for (BuiltHit hit : built.hits()) {
      assertThat(hit.pages().stream().flatMap(p -> p.images().stream()).map(ManifestImage::id).toList())
          .as("a worker never meets a picture twice in a HIT").doesNotHaveDuplicates();
    }
  }

  @Test
  void everyImageOfTheHits_isAWrittenSvgFile_servedUnderImages(@TempDir Path dir) {
    DemoDataset.writeImages(dir);

    for (BuiltHit hit : DemoDataset.build().hits()) {
      for (HitPage page : hit.pages()) {
        for (ManifestImage image : page.images()) {
          assertThat(image.url()).isEqualTo("/images/" + image.id() + ".svg");
          assertThat(dir.resolve(image.id() + ".svg")).isRegularFile();
        }
      }
    }
  }

  @Test
  void theWrittenManifest_isValid_andBuildsTheSameHits(@TempDir Path dir) throws Exception {
    Path file = DemoDataset.writeManifest(dir.resolve("demo-manifest.json"));

    ManifestLoad load = ManifestReader.read(file);

    assertThat(load.problems()).isEmpty();
    assertThat(load.manifest()).isEqualTo(DemoDataset.manifest());
    assertThat(Files.readString(file)).contains("\"role\" : \"control\"").contains("\"similarTo\" : \"demo-square\"");
    List<String> once = DemoDataset.build().hits().stream().map(HitJson::toJson).toList();
    assertThat(DemoDataset.build().hits().stream().map(HitJson::toJson).toList()).isEqualTo(once);
  }
}
