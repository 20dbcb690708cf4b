package io.byproduct.devstack.demo;

import io.byproduct.platform.hits.HitStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small study to try the system with: three classes of simple drawn shapes, candidate images as
 * SVG files (about a third of each page shows the page's class), and HITs of three pages of 48
 * images each in dataset {@value #DATASET}. Deterministic: the same files and HITs every time.
 */
public final class DemoDataset {

  public static final String DATASET = "demo";
  public static final int PAGES_PER_HIT = 3;
  public static final int IMAGES_PER_PAGE = 48;
  public static final List<String> HIT_IDS = List.of("demo-hit-01", "demo-hit-02");

  record DemoClass(String id, String wnid, List<String> synset, String description, String wikipedia, String shape,
      String color) {}

  static final List<DemoClass> CLASSES = List.of(
      new DemoClass("demo-circle", "n90000001", List.of("red disc", "circle"),
          "a flat round shape filled in red", "https://en.wikipedia.org/wiki/Circle", "circle", "#d32f2f"),
      new DemoClass("demo-square", "n90000002", List.of("blue square", "quadrate"),
          "a shape with four equal sides and four right angles, filled in blue",
          "https://en.wikipedia.org/wiki/Square", "square", "#1976d2"),
      new DemoClass("demo-triangle", "n90000003", List.of("green triangle", "trigon"),
          "a shape with three sides, filled in green", "https://en.wikipedia.org/wiki/Triangle", "triangle", "#388e3c"));

  private static final int[][] SIZES = {{500, 375}, {375, 500}, {400, 400}, {500, 333}, {640, 480}};
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private DemoDataset() {}

  /** Writes the HITs into the HIT table (the images must have been written with {@link #writeImages}). */
  public static List<String> load(HitStore hits) {
    for (int h = 0; h < HIT_IDS.size(); h++) {
      hits.put(JSON.writeValueAsString(hit(HIT_IDS.get(h), h)));
    }
    return HIT_IDS;
  }

  static ObjectNode hit(String hitId, int hitIndex) {
    ObjectNode hit = JSON.createObjectNode();
    hit.put("hitDatasetName", DATASET);
    hit.put("id", hitId);
    hit.put("isUnique", false);
    ArrayNode pages = hit.putArray("pages");
    for (int p = 0; p < PAGES_PER_HIT; p++) {
      DemoClass cls = CLASSES.get((p + hitIndex) % CLASSES.size());
      ObjectNode page = pages.addObject();
      page.put("pageno", p + 1);
      ObjectNode c = page.putObject("class");
      c.put("id", cls.id());
      c.put("wnid", cls.wnid());
      ArrayNode synset = c.putArray("synset");
      cls.synset().forEach(synset::add);
      c.put("description", cls.description());
      c.putArray("wikipedia").add(cls.wikipedia());
      ArrayNode images = page.putArray("images");
      for (String imageId : imageIds(cls, hitIndex)) {
        images.addObject().put("id", imageId).put("url", "/images/" + imageId + ".svg");
      }
    }
    return hit;
  }

  /** 48 images for a page of class {@code cls}: its own shapes and the other classes' mixed. */
  static List<String> imageIds(DemoClass cls, int hitIndex) {
    Random random = new Random(cls.id().hashCode() * 31L + hitIndex);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < IMAGES_PER_PAGE; i++) {
      DemoClass shown = random.nextInt(3) == 0 ? cls : CLASSES.get(random.nextInt(CLASSES.size()));
      ids.add(DATASET + "/" + shown.wnid() + "_" + String.format("%04d", random.nextInt(IMAGES_PER_PAGE * 2)));
    }
    return ids;
  }

  /** Writes the candidate images as SVG files under {@code imagesDir/demo/}. */
  public static void writeImages(Path imagesDir) {
    try {
      Path dir = Files.createDirectories(imagesDir.resolve(DATASET));
      for (DemoClass cls : CLASSES) {
        for (int n = 0; n < IMAGES_PER_PAGE * 2; n++) {
          Path file = dir.resolve(cls.wnid() + "_" + String.format("%04d", n) + ".svg");
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
