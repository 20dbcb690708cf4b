package io.byproduct.deploy.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An image tarball as {@code jib:buildTar} writes it (Docker's {@code docker save} layout): the
 * manifest, the image config, and the file modes of every layer, read without a Docker engine.
 */
final class ImageTarball {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  final Path file;
  final JsonNode manifest;
  final JsonNode config;
  /** Layer file names in order, as the manifest lists them. */
  final List<String> layers = new ArrayList<>();
  /** Per path in the merged layers (no leading slash or "./"): its mode, e.g. 0755. */
  final Map<String, Integer> modes = new LinkedHashMap<>();
  /** Per layer file name: the paths it holds. */
  final Map<String, List<String>> layerPaths = new HashMap<>();

  private ImageTarball(Path file, JsonNode manifest, JsonNode config) {
    this.file = file;
    this.manifest = manifest;
    this.config = config;
  }

  static ImageTarball read(Path file) {
    try {
      Map<String, byte[]> entries = new HashMap<>();
      try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(file))) {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
          if (entry.isFile()) {
            entries.put(entry.getName(), tar.readAllBytes());
          }
        }
      }
      JsonNode manifest = JSON.readTree(new String(entries.get("manifest.json"), StandardCharsets.UTF_8)).get(0);
      JsonNode config = JSON.readTree(new String(entries.get(manifest.get("Config").asString()), StandardCharsets.UTF_8));
      ImageTarball image = new ImageTarball(file, manifest, config);
      for (JsonNode layer : manifest.get("Layers")) {
        String name = layer.asString();
        image.layers.add(name);
        List<String> paths = new ArrayList<>();
        try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(entries.get(name)), 1 << 16);
            TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
          TarArchiveEntry entry;
          while ((entry = tar.getNextEntry()) != null) {
            String path = normalise(entry.getName());
            paths.add(path);
            image.modes.put(path, entry.getMode() & 07777);
          }
        }
        image.layerPaths.put(name, paths);
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the image tarball " + file, e);
    }
  }

  private static String normalise(String name) {
    String path = name.startsWith("./") ? name.substring(2) : name;
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  JsonNode containerConfig() {
    return config.get("config");
  }

  List<String> entrypoint() {
    List<String> args = new ArrayList<>();
    containerConfig().get("Entrypoint").forEach(a -> args.add(a.asString()));
    return args;
  }

  List<String> env() {
    List<String> env = new ArrayList<>();
    containerConfig().get("Env").forEach(e -> env.add(e.asString()));
    return env;
  }

  List<String> exposedPorts() {
    JsonNode ports = containerConfig().get("ExposedPorts");
    List<String> names = new ArrayList<>();
    if (ports != null) {
      ports.propertyNames().forEach(names::add);
    }
    return names;
  }

  List<String> repoTags() {
    List<String> tags = new ArrayList<>();
    manifest.get("RepoTags").forEach(t -> tags.add(t.asString()));
    return tags;
  }

  /** The layer that holds {@code path}, if any. */
  String layerHolding(String path) {
    return layerPaths.entrySet().stream().filter(e -> e.getValue().contains(path)).map(Map.Entry::getKey)
        .findFirst().orElse(null);
  }

  /** Unpacks every layer, in order, into {@code root} with the system's tar (modes kept). */
  void unpack(Path root) throws IOException, InterruptedException {
    Path layersDir = Files.createTempDirectory("layers");
    try {
      new ProcessBuilder("tar", "-xf", file.toString(), "-C", layersDir.toString()).inheritIO().start().waitFor();
      for (String layer : layers) {
        Process p = new ProcessBuilder("tar", "--no-same-owner", "--warning=no-unknown-keyword", "-xzf",
            layersDir.resolve(layer).toString(), "-C", root.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
          throw new IOException("tar could not unpack layer " + layer + " of " + file);
        }
      }
    } finally {
      try (var paths = Files.walk(layersDir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
