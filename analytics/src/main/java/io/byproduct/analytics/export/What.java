package io.byproduct.analytics.export;

import io.byproduct.analytics.export.table.PageTables;

/** What an export holds: a flat table (or, with {@code --nested}, the stored records' shape). */
public enum What {
  /** One row per finished page (topic {@code pages}). */
  PAGES(PageTables.PAGES),
  /** One row per image of a finished page, with the page's context. */
  IMAGES(PageTables.IMAGES),
  /** One row per hover (the pointer entered an image and left it) of a finished page. */
  HOVERS(PageTables.HOVERS),
  /** One row per tracked pointer position of a finished page. */
  POINTS(PageTables.POINTS),
  /** One row per selecting click of a finished page. */
  CLICKS(PageTables.CLICKS),
  /** One row per raw interaction event (topic {@code interactions}). */
  EVENTS(null);

  private final PageTables.Flat flat;

  What(PageTables.Flat flat) {
    this.flat = flat;
  }

  /** The flat table made from pages; null for events. */
  PageTables.Flat pageTable() {
    return flat;
  }

  boolean fromEvents() {
    return this == EVENTS;
  }

  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
