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

  /** The filters given, as options ("no filter" when none). */
  String options() {
    StringBuilder text = new StringBuilder();
    if (dataset != null) {
      text.append("--dataset ").append(dataset).append(' ');
    }
    if (hit != null) {
      text.append("--hit ").append(hit).append(' ');
    }
    if (annotation != null) {
      text.append("--annotation ").append(annotation).append(' ');
    }
    return text.length() == 0 ? "no filter" : text.toString().trim();
  }
}
