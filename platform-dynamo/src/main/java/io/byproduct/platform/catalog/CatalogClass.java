package io.byproduct.platform.catalog;

import java.util.List;
import java.util.Map;

/**
 * A class as the seed's Class model has it, with its annotation counts per interface version.
 *
 * @param annotationCount stored annotations of this class per interface version (every version present, 0 if none)
 */
public record CatalogClass(String id, String wnid, List<String> synset, String description, List<String> wikipedia,
    Map<String, Long> annotationCount) {

  public CatalogClass {
    synset = synset == null ? List.of() : List.copyOf(synset);
    wikipedia = wikipedia == null ? List.of() : List.copyOf(wikipedia);
    annotationCount = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
        annotationCount == null ? AnnotationCounts.none() : annotationCount));
  }

  /** A class as a manifest describes it, before anything is counted. */
  public static CatalogClass described(String id, String wnid, List<String> synset, String description,
      List<String> wikipedia) {
    return new CatalogClass(id, wnid, synset, description, wikipedia, null);
  }
}
