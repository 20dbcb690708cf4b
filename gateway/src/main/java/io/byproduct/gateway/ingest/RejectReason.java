package io.byproduct.gateway.ingest;

/** Why a message was refused; {@link #code()} is the wire's and the dead letter's reason code. */
enum RejectReason {
  MALFORMED_JSON("malformed-json"),
  MISSING_HELLO("missing-hello"),
  DUPLICATE_HELLO("duplicate-hello"),
  OVERSIZED_FRAME("oversized-frame"),
  TOO_MANY_EVENTS("too-many-events"),
  UNKNOWN_KIND("unknown-kind"),
  INVALID_FIELD("invalid-field"),
  /** A hello without the capability of its annotation and ids: someone else's annotation, or forged ids. */
  FORBIDDEN("forbidden"),
  /** A fault of the gateway while reading the message (a bug); the connection goes on. */
  INTERNAL_ERROR("internal-error");

  private final String code;

  RejectReason(String code) {
    this.code = code;
  }

  String code() {
    return code;
  }
}
