package io.byproduct.gateway.ingest;

import io.byproduct.schemas.deadletter.DeadLetterReason;

/**
 * Why a message was refused; {@link #code()} is the wire's and the dead letter's reason code, the
 * shared {@link DeadLetterReason}'s (documented in docs/data-dictionary.md).
 */
enum RejectReason {
  MALFORMED_JSON(DeadLetterReason.MALFORMED_JSON),
  MISSING_HELLO(DeadLetterReason.MISSING_HELLO),
  DUPLICATE_HELLO(DeadLetterReason.DUPLICATE_HELLO),
  OVERSIZED_FRAME(DeadLetterReason.OVERSIZED_FRAME),
  TOO_MANY_EVENTS(DeadLetterReason.TOO_MANY_EVENTS),
  UNKNOWN_KIND(DeadLetterReason.UNKNOWN_KIND),
  INVALID_FIELD(DeadLetterReason.INVALID_FIELD),
  /** A hello without the capability of its annotation and ids: someone else's annotation, or forged ids. */
  FORBIDDEN(DeadLetterReason.FORBIDDEN),
  /** A fault of the gateway while reading the message (a bug); the connection goes on. */
  INTERNAL_ERROR(DeadLetterReason.INTERNAL_ERROR);

  private final DeadLetterReason deadLetter;

  RejectReason(DeadLetterReason deadLetter) {
    this.deadLetter = deadLetter;
  }

  String code() {
    return deadLetter.code();
  }

  DeadLetterReason deadLetterReason() {
    return deadLetter;
  }
}
