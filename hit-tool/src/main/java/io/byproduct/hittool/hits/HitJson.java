package io.byproduct.hittool.hits;

import io.byproduct.hittool.manifest.ManifestClass;
import io.byproduct.hittool.manifest.ManifestImage;
import io.byproduct.platform.hits.HitStore;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A built HIT as the seed's ImageNetHIT JSON ({@code hitDatasetName}, {@code id}, {@code isUnique},
 * {@code pages[{pageno, class{id, wnid, synset, description, wikipedia}, images[{id, url}]}]}) plus
 * the requester's {@code review} section, which {@link HitStore#findJson} never shows a worker:
 *
 * <pre>{@code
 * "review": {
 *   "controls": {"1": {"<imageId>": "positive", "<imageId>": "negative"}, "2": {...}},
 *   "negativeControlClass": {"1": "<classId>", "2": "<classId>"}
 * }}</pre>
 *
 * Pages without controls are left out of both maps. Control images are listed among the page's
 * images exactly like candidates ({@code id} and {@code url} from the manifest, nothing else).
 */
public final class HitJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private HitJson() {}

  public static String toJson(BuiltHit hit) {
    return JSON.writeValueAsString(toNode(hit));
  }

  public static ObjectNode toNode(BuiltHit hit) {
    ObjectNode root = JSON.createObjectNode();
    root.put("hitDatasetName", hit.dataset());
    root.put("id", hit.id());
    root.put("isUnique", hit.unique());
    ArrayNode pages = root.putArray("pages");
    ObjectNode review = JSON.createObjectNode();
    ObjectNode controls = review.putObject("controls");
    ObjectNode negativeClasses = JSON.createObjectNode();
    for (HitPage page : hit.pages()) {
      ObjectNode node = pages.addObject();
      node.put("pageno", page.pageno());
      node.set("class", classNode(page.cls()));
      ArrayNode images = node.putArray("images");
      for (ManifestImage image : page.images()) {
        images.addObject().put("id", image.id()).put("url", image.url());
      }
      if (!page.controls().isEmpty()) {
        ObjectNode pageControls = controls.putObject(String.valueOf(page.pageno()));
        for (ManifestImage image : page.images()) {
          Control control = page.controls().get(image.id());
          if (control != null) {
            pageControls.put(image.id(), control.reviewName());
          }
        }
      }
      if (page.negativeControlClass() != null) {
        negativeClasses.put(String.valueOf(page.pageno()), page.negativeControlClass());
      }
    }
    if (!negativeClasses.isEmpty()) {
      review.set("negativeControlClass", negativeClasses);
    }
    root.set(HitStore.REVIEW, review);
    return root;
  }

  private static ObjectNode classNode(ManifestClass c) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", c.id());
    node.put("wnid", c.wnid());
    ArrayNode synset = node.putArray("synset");
    c.synset().forEach(synset::add);
    node.put("description", c.description());
    ArrayNode wikipedia = node.putArray("wikipedia");
    c.wikipedia().forEach(wikipedia::add);
    return node;
  }
}
