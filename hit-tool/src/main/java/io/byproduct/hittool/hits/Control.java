package io.byproduct.hittool.hits;

import java.util.Locale;

/** What a control image on a page is expected to get from an attentive worker. */
public enum Control {
  /** A known image of the page's class: should be selected. */
  POSITIVE,
  /** An image of the most similar class: should not be selected. */
  NEGATIVE;

  /** As written in a HIT's review section: {@code positive}, {@code negative}. */
  public String reviewName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
