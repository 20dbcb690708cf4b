package io.byproduct.gateway.api;

/** A request the API cannot use; the message names the field. {@link Blocking#answer} answers it with 400. */
public final class BadRequest extends RuntimeException {

  public BadRequest(String message) {
    super(message);
  }
}
