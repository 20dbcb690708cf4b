package io.byproduct.hittool.hits;

import io.byproduct.hittool.manifest.Manifest;
import io.byproduct.hittool.manifest.ManifestClass;
import io.byproduct.hittool.manifest.ManifestImage;
import io.byproduct.platform.catalog.Catalog;
import io.byproduct.platform.catalog.CatalogClass;
import io.byproduct.platform.catalog.CatalogImage;

/**
 * Writes a manifest's classes and images to the catalog (the seed's {@code /api/classes}), keeping
 * the annotation counts of those already there: importing again is harmless.
 */
public final class CatalogWriter {

  private CatalogWriter() {}

  public static void write(Catalog catalog, Manifest manifest) {
    for (ManifestClass c : manifest.classes()) {
      catalog.put(CatalogClass.described(c.id(), c.wnid(), c.synset(), c.description(), c.wikipedia()));
    }
    for (ManifestImage image : manifest.images()) {
      catalog.put(CatalogImage.described(image.id(), image.url(), image.classId()));
    }
  }
}
