package io.byproduct.analytics.export;

/** Which records of the range an export keeps; a null criterion keeps everything. */
public record Filters(String dataset, String hit, String annotation) {

  public static Filters none() {
    return new Filters(null, null, null);
  }

  public boolean matches(String recordDataset, String recordHit, String recordAnnotation) {
    return (dataset == null || dataset.equals(recordDataset))
        && (hit == null || hit.equals(recordHit))
        && (annotation == null || annotation.equals(recordAnnotation));
  }

  String describe() {
    return "dataset=" + dataset + ";hit=" + hit + ";annotation=" + annotation;
  }
}
