package io.byproduct.gateway.seedapi;

/** A request body the seed's API cannot use; the message names the field. */
final class BadRequest extends RuntimeException {

  BadRequest(String message) {
    super(message);
  }
}
