package io.byproduct.hittool.manifest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A study to build HITs from: the dataset (the HITs' {@code hitDatasetName}), its classes and its
 * images. Read from a file with {@link ManifestReader}, or made in code and checked with
 * {@link ManifestReader#check(Manifest)}.
 *
 * @param dataset the dataset name: letters, digits, '_', '-' or '.'
 * @param classes the classes, in the order of the manifest
 * @param images every image: candidates of a class, and known positives of a class (controls)
 */
public record Manifest(String dataset, List<ManifestClass> classes, List<ManifestImage> images) {

  public Manifest {
    classes = List.copyOf(classes);
    images = List.copyOf(images);
  }

  /** The classes by id, in manifest order. */
  public Map<String, ManifestClass> classesById() {
    Map<String, ManifestClass> byId = new LinkedHashMap<>();
    classes.forEach(c -> byId.putIfAbsent(c.id(), c));
    return byId;
  }

  /** The images of one class with one role, in manifest order. */
  public List<ManifestImage> images(String classId, ImageRole role) {
    return images.stream().filter(i -> i.classId().equals(classId) && i.role() == role).toList();
  }
}
