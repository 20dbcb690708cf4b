package io.byproduct.hittool.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes a manifest in the format {@link ManifestReader} reads (hit-tool/README.md). */
public final class ManifestWriter {

  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private ManifestWriter() {}

  public static String toJson(Manifest manifest) {
    ObjectNode root = JSON.createObjectNode();
    root.put("dataset", manifest.dataset());
    ArrayNode classes = root.putArray("classes");
    for (ManifestClass c : manifest.classes()) {
      ObjectNode node = classes.addObject();
      node.put("id", c.id());
      node.put("wnid", c.wnid());
      ArrayNode synset = node.putArray("synset");
      c.synset().forEach(synset::add);
      node.put("description", c.description());
      ArrayNode wikipedia = node.putArray("wikipedia");
      c.wikipedia().forEach(wikipedia::add);
      if (c.similarTo() != null) {
        node.put("similarTo", c.similarTo());
      }
    }
    ArrayNode images = root.putArray("images");
    for (ManifestImage image : manifest.images()) {
      ObjectNode node = images.addObject();
      node.put("id", image.id());
      node.put("url", image.url());
      node.put("classID", image.classId());
      if (image.role() != ImageRole.CANDIDATE) {
        node.put("role", image.role().manifestName());
      }
    }
    return JSON.writeValueAsString(root) + "\n";
  }

  /** Writes the manifest to {@code file} (replacing it), creating its folder if needed. */
  public static Path write(Manifest manifest, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return Files.writeString(file, toJson(manifest), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the manifest " + file, e);
    }
  }
}
