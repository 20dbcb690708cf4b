package io.byproduct.hittool.demo;

import io.byproduct.hittool.hits.BuildOptions;
import io.byproduct.hittool.hits.BuiltHits;
import io.byproduct.hittool.hits.CatalogWriter;
import io.byproduct.hittool.hits.HitBuilder;
import io.byproduct.hittool.hits.HitNaming;
import io.byproduct.hittool.hits.HitWriter;
import io.byproduct.hittool.manifest.Manifest;
import io.byproduct.hittool.manifest.ManifestClass;
import io.byproduct.hittool.manifest.ManifestImage;
import io.byproduct.hittool.manifest.ManifestReader;
import io.byproduct.hittool.manifest.ManifestWriter;
import io.byproduct.hittool.reviews.HitReviews;
import io.byproduct.platform.catalog.Catalog;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.schemas.quality.HitReview;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A small study to try the system with: three classes of simple drawn shapes as SVG files, and two
 * HITs of three pages of 48 images each in dataset {@value #DATASET}, built by the HIT tool's
 * library from the same kind of manifest a requester gives {@code hit-tool import}.
 *
 * <p>Each shape has 96 images. The first 88 of every shape are candidates, dealt at random over
 * the three classes (so a page of one class shows all three shapes: a worker has something to
 * decide); the last 8 are control images of their own shape. Every page holds 44 candidates, 2
 * positive controls (the page's shape) and 2 negative controls (the most similar shape).
 * Deterministic: the same files and HITs every time.
 */
public final class DemoDataset {

  public static final String DATASET = "demo";
  public static final int PAGES_PER_HIT = 3;
  public static final int IMAGES_PER_PAGE = 48;
  public static final int POSITIVE_CONTROLS = 2;
  public static final int NEGATIVE_CONTROLS = 2;
  public static final List<String> HIT_IDS = List.of("demo-hit-01", "demo-hit-02");

  /** SVG files per shape, and how many of them (the last ones) are known positives. */
  static final int IMAGES_PER_SHAPE = IMAGES_PER_PAGE * 2;
  static final int CONTROLS_PER_SHAPE = 8;
  private static final long SEED = 20260101L;

  record DemoClass(String id, String wnid, List<String> synset, String description, String wikipedia, String shape,
      String color, String similarTo) {}

  static final List<DemoClass> CLASSES = List.of(
      new DemoClass("demo-circle", "n90000001", List.of("red disc", "circle"),
          "a flat round shape filled in red", "https://en.wikipedia.org/wiki/Circle", "circle", "#d32f2f",
          "demo-square"),
      new DemoClass("demo-square", "n90000002", List.of("blue square", "quadrate"),
          "a shape with four equal sides and four right angles, filled in blue",
          "https://en.wikipedia.org/wiki/Square", "square", "#1976d2", "demo-triangle"),
      new DemoClass("demo-triangle", "n90000003", List.of("green triangle", "trigon"),
          "a shape with three sides, filled in green", "https://en.wikipedia.org/wiki/Triangle", "triangle", "#388e3c",
          "demo-circle"));

  private static final int[][] SIZES = {{500, 375}, {375, 500}, {400, 400}, {500, 333}, {640, 480}};

  private DemoDataset() {}

  /** The demo as a HIT tool manifest (image URLs relative to the gateway, which serves the images folder). */
  public static Manifest manifest() {
    List<ManifestClass> classes = CLASSES.stream().map(c -> new ManifestClass(c.id(), c.wnid(), c.synset(),
        c.description(), List.of(c.wikipedia()), c.similarTo())).toList();
    int candidatesPerShape = IMAGES_PER_SHAPE - CONTROLS_PER_SHAPE;
    List<String[]> candidates = new ArrayList<>();
    for (DemoClass shape : CLASSES) {
      for (int n = 0; n < candidatesPerShape; n++) {
        candidates.add(new String[] {shape.wnid(), fileNumber(n)});
      }
    }
    Collections.shuffle(candidates, new Random(SEED));
    List<ManifestImage> images = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      String imageId = imageId(candidates.get(i)[0], candidates.get(i)[1]);
      images.add(ManifestImage.candidate(imageId, url(imageId), CLASSES.get(i / candidatesPerShape).id()));
    }
    for (DemoClass shape : CLASSES) {
      for (int n = candidatesPerShape; n < IMAGES_PER_SHAPE; n++) {
        String imageId = imageId(shape.wnid(), fileNumber(n));
        images.add(ManifestImage.control(imageId, url(imageId), shape.id()));
      }
    }
    return new Manifest(DATASET, classes, images);
  }

  /** 3 pages of 48 images per HIT, 2 positive and 2 negative controls per page, ids {@code demo-hit-01}, ... */
  public static BuildOptions buildOptions() {
    return BuildOptions.defaults().withPages(PAGES_PER_HIT).withImagesPerPage(IMAGES_PER_PAGE)
        .withControls(POSITIVE_CONTROLS, NEGATIVE_CONTROLS).withSeed(SEED).withNaming(HitNaming.numbered(2));
  }

  /** The demo HITs, built by the HIT tool from {@link #manifest()}. */
  public static BuiltHits build() {
    Manifest manifest = ManifestReader.check(manifest()).requireValid();
    BuiltHits built = HitBuilder.build(manifest, buildOptions());
    if (!built.ids().equals(HIT_IDS)) {
      throw new IllegalStateException("the demo manifest built HITs " + built.ids() + ", not " + HIT_IDS);
    }
    return built;
  }

  /**
   * Writes the HITs into the HIT table and the classes and images into the catalog (the images must
   * have been written with {@link #writeImages}).
   */
  public static List<String> load(HitStore hits, Catalog catalog) {
    BuiltHits built = build();
    CatalogWriter.write(catalog, ManifestReader.check(manifest()).requireValid());
    HitWriter.write(hits, built.hits(), 1, HitWriter.Progress.NONE);
    return built.ids();
  }

  /** The demo HITs' review sections, for the {@code hit-reviews} topic (see {@code HitReviewPublisher}). */
  public static List<HitReview> reviews() {
    return build().hits().stream().map(HitReviews::of).toList();
  }

  /**
   * Writes the demo's manifest, for trying {@code hit-tool validate}/{@code import} with it. Keep it
   * out of the images folder: it names the controls, and the gateway serves that folder.
   */
  public static Path writeManifest(Path file) {
    return ManifestWriter.write(manifest(), file);
  }

  static String imageId(String wnid, String number) {
    return DATASET + "/" + wnid + "_" + number;
  }

  private static String url(String imageId) {
    return "/images/" + imageId + ".svg";
  }

  private static String fileNumber(int n) {
    return String.format("%04d", n);
  }

  /** Writes the images as SVG files under {@code imagesDir/demo/}. */
  public static void writeImages(Path imagesDir) {
    try {
      Path dir = Files.createDirectories(imagesDir.resolve(DATASET));
      for (DemoClass cls : CLASSES) {
        for (int n = 0; n < IMAGES_PER_SHAPE; n++) {
          Path file = dir.resolve(cls.wnid() + "_" + fileNumber(n) + ".svg");
          if (!Files.exists(file)) {
            Files.writeString(file, svg(cls, n));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the demo images into " + imagesDir, e);
    }
  }

  static String svg(DemoClass cls, int n) {
    Random random = new Random(cls.wnid().hashCode() * 131L + n);
    int[] size = SIZES[n % SIZES.length];
    int w = size[0];
    int h = size[1];
    int r = Math.min(w, h) / 4 + random.nextInt(Math.min(w, h) / 8);
    int cx = r + random.nextInt(Math.max(1, w - 2 * r));
    int cy = r + random.nextInt(Math.max(1, h - 2 * r));
    String background = String.format("#%02x%02x%02x", 225 + random.nextInt(30), 225 + random.nextInt(30), 215 + random.nextInt(40));
    String shape = switch (cls.shape()) {
      case "circle" -> "<circle cx='" + cx + "' cy='" + cy + "' r='" + r + "' fill='" + cls.color() + "'/>";
      case "square" -> "<rect x='" + (cx - r) + "' y='" + (cy - r) + "' width='" + 2 * r + "' height='" + 2 * r
          + "' fill='" + cls.color() + "' transform='rotate(" + random.nextInt(30) + " " + cx + " " + cy + ")'/>";
      default -> "<polygon points='" + cx + "," + (cy - r) + " " + (cx - r) + "," + (cy + r) + " " + (cx + r) + ","
          + (cy + r) + "' fill='" + cls.color() + "'/>";
    };
    return "<svg xmlns='http://www.w3.org/2000/svg' width='" + w + "' height='" + h + "' viewBox='0 0 " + w + " " + h
        + "'><rect width='100%' height='100%' fill='" + background + "'/>" + shape + "</svg>\n";
  }
}
