package io.byproduct.schemas.record;

/**
 * The values of {@link PageRecord}'s {@code source} (a string, so that building a record needs no
 * trusted enum class): how the page came.
 */
public final class PageSources {

  /** Folded from our page's interaction events. */
  public static final String STREAM = "stream";
  /** The records the original front end sent in its page PUT, stored as sent. */
  public static final String REST = "rest";

  private PageSources() {}
}
