package io.byproduct.hittool;

import io.byproduct.hittool.manifest.Manifest;
import io.byproduct.hittool.manifest.ManifestClass;
import io.byproduct.hittool.manifest.ManifestImage;
import io.byproduct.hittool.manifest.ManifestWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Manifests of any size for the tests: classes c0, c1, ... each most similar to the next (the last to c0). */
public final class Fixtures {

  private Fixtures() {}

  public static Manifest manifest(String dataset, int classes, int candidatesPerClass, int controlsPerClass) {
    List<ManifestClass> cls = new ArrayList<>();
    List<ManifestImage> images = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      String id = "c" + c;
      cls.add(new ManifestClass(id, String.format("n%08d", 1000 + c), List.of("thing " + c, "object " + c),
          "the " + c + "th kind of thing", List.of("https://en.wikipedia.org/wiki/Thing_" + c),
          classes > 1 ? "c" + ((c + 1) % classes) : null));
      for (int i = 0; i < candidatesPerClass; i++) {
        images.add(ManifestImage.candidate(id + "/img" + i, "https://img.example.org/" + id + "/img" + i + ".jpg", id));
      }
      for (int i = 0; i < controlsPerClass; i++) {
        images.add(ManifestImage.control(id + "/val" + i, "https://img.example.org/" + id + "/val" + i + ".jpg", id));
      }
    }
    return new Manifest(dataset, cls, images);
  }

  public static Path write(Manifest manifest, Path file) {
    return ManifestWriter.write(manifest, file);
  }
}
