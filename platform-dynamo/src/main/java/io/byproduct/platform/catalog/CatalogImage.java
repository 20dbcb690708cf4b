package io.byproduct.platform.catalog;

import java.util.Map;

/**
 * An image as the seed's Image model has it, with its annotation counts per interface version.
 *
 * @param classID the class the image belongs to (the seed's spelling, as in the JSON answers)
 * @param annotationCount stored per-image records of this image per interface version
 */
public record CatalogImage(String id, String url, String classID, Map<String, Long> annotationCount) {

  public CatalogImage {
    annotationCount = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
        annotationCount == null ? AnnotationCounts.none() : annotationCount));
  }

  /** An image as a manifest describes it, before anything is counted. */
  public static CatalogImage described(String id, String url, String classId) {
    return new CatalogImage(id, url, classId, null);
  }
}
