package io.byproduct.hittool.hits;

/** How HITs are named, from the dataset, the HIT's number (1-based) and how many HITs there are. */
@FunctionalInterface
public interface HitNaming {

  String hitId(String dataset, int number, int total);

  /**
   * {@code <dataset>-hit-0001}: the number zero-padded to {@code minDigits}, or to as many digits
   * as the largest number has if that is more.
   */
  static HitNaming numbered(int minDigits) {
    if (minDigits < 1 || minDigits > 9) {
      throw new IllegalArgumentException("HIT id digits must be 1..9, was " + minDigits);
    }
    return (dataset, number, total) -> {
      int digits = Math.max(minDigits, String.valueOf(total).length());
      return dataset + "-hit-" + String.format("%0" + digits + "d", number);
    };
  }

  /** {@code <dataset>-hit-0001}, ... */
  static HitNaming standard() {
    return numbered(4);
  }
}
