package io.byproduct.hittool.manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a manifest (JSON, see hit-tool/README.md) and optionally more images from a CSV file
 * ({@code id,url,classID[,role]}), and checks everything, reporting every problem with its file,
 * line and field. Nothing is written anywhere. The JSON is {@link ManifestJsonParser}'s, the CSV
 * {@link ImagesCsv}'s and the rules {@link ManifestValidator}'s.
 */
public final class ManifestReader {

  private ManifestReader() {}

  public static ManifestLoad read(Path manifestFile) {
    return read(manifestFile, null);
  }

  /**
   * @param manifestFile the manifest
   * @param imagesCsv more images, or {@code null}
   */
  public static ManifestLoad read(Path manifestFile, Path imagesCsv) {
    List<Problem> problems = new ArrayList<>();
    ManifestJsonParser.Parsed parsed = ManifestJsonParser.parse(manifestFile, problems);
    List<Located<ManifestImage>> images = new ArrayList<>();
    if (parsed != null) {
      images.addAll(parsed.images);
    }
    if (imagesCsv != null) {
      images.addAll(ImagesCsv.read(imagesCsv, problems));
    }
    if (parsed == null) {
      return new ManifestLoad(null, problems);
    }
    Manifest manifest = ManifestValidator.validate(new Where(manifestFile.toString(), 0, ""), parsed.dataset,
        parsed.datasetWhere, parsed.datasetUsable, parsed.classes, images, problems);
    return new ManifestLoad(manifest, problems);
  }

  /** Checks a manifest made in code, with the same rules as a file (paths like {@code images[3].url}). */
  public static ManifestLoad check(Manifest manifest) {
    List<Problem> problems = new ArrayList<>();
    List<Located<ManifestClass>> classes = new ArrayList<>();
    for (int i = 0; i < manifest.classes().size(); i++) {
      classes.add(Located.inMemory(manifest.classes().get(i), "classes[" + i + "]"));
    }
    List<Located<ManifestImage>> images = new ArrayList<>();
    for (int i = 0; i < manifest.images().size(); i++) {
      images.add(Located.inMemory(manifest.images().get(i), "images[" + i + "]"));
    }
    Manifest checked = ManifestValidator.validate(Where.inMemory(""), manifest.dataset(), Where.inMemory("dataset"), true,
        classes, images, problems);
    return new ManifestLoad(checked, problems);
  }
}
