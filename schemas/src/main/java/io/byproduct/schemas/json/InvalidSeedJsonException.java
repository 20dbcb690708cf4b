package io.byproduct.schemas.json;

/** A per-image record in the seed's JSON shape is missing a field or has one of the wrong type. */
public final class InvalidSeedJsonException extends IllegalArgumentException {

  private final String field;

  public InvalidSeedJsonException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
