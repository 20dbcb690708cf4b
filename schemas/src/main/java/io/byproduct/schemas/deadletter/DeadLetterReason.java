package io.byproduct.schemas.deadletter;

/**
 * Every reason any service sends a record to {@code dead-letters}; {@link #code()} is the
 * {@link DeadLetter}'s {@code reason} field (and, for the gateway's reasons, the reason its error
 * answer names). Each is documented once, in docs/data-dictionary.md ("Dead letters"); a new reason
 * is added here and there, nowhere else.
 */
public enum DeadLetterReason {
  // the gateway (websocket and HTTP ingest)
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
  INTERNAL_ERROR("internal-error"),

  // the stream processor
  MISSING_VALUE("missing-value"),
  /** Not Avro of the topic's type (stream processor and page assembler). */
  UNDECODABLE("undecodable"),
  INVALID_EVENT("invalid-event"),
  LATE_EVENT("late-event"),
  UNKNOWN_IMAGE("unknown-image"),
  STATE_LIMIT("state-limit"),
  UNPRODUCIBLE_OUTPUT("unproducible-output"),
  /** A second, different version of a page the REST API already stored (the stored version counts; this one stays in interactions). */
  PAGE_REVISION("page-revision"),

  // the page assembler
  /** DynamoDB refused the record's item for its own content; never for access, table, throttling or outages. */
  REFUSED_BY_DYNAMODB("refused-by-dynamodb");

  private final String code;

  DeadLetterReason(String code) {
    this.code = code;
  }

  /** The reason as stored in {@link DeadLetter#getReason()}. */
  public String code() {
    return code;
  }
}
