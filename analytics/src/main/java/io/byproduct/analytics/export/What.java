package io.byproduct.analytics.export;

/** What an export holds. */
public enum What {
  /** Finished pages (topic {@code pages}): one record per page with its per-image records. */
  PAGES,
  /** The per-image records of finished pages, one record per image, with the page's context. */
  IMAGES,
  /** Raw interaction events (topic {@code interactions}). */
  EVENTS
}
