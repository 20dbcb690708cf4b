package io.byproduct.gateway.ingest;

/**
 * A message that the gateway refuses whole: the reason code, the first sequence number of the
 * frame if it could be read, and a message that names what is wrong (e.g. {@code e[3][4]: x must
 * be 0..10000, was 12000}). Thrown by the decoders; carries no stack trace (it is an answer, not a
 * fault).
 */
final class Rejection extends RuntimeException {

  private final RejectReason reason;
  private final Long firstSeq;
  private final String key;

  Rejection(RejectReason reason, Long firstSeq, String message) {
    this(reason, firstSeq, message, null);
  }

  private Rejection(RejectReason reason, Long firstSeq, String message, String key) {
    super(message, null, false, false);
    this.reason = reason;
    this.firstSeq = firstSeq;
    this.key = key;
  }

  static Rejection invalid(String message) {
    return new Rejection(RejectReason.INVALID_FIELD, null, message);
  }

  RejectReason reason() {
    return reason;
  }

  /** The frame's {@code q}, or {@code null} when it is unknown (e.g. malformed JSON, a hello). */
  Long firstSeq() {
    return firstSeq;
  }

  /** The annotation id the refused message belongs to, if known: the dead letter's key. */
  String key() {
    return key;
  }

  /** The same rejection, knowing the annotation id it belongs to. */
  Rejection withKey(String annotationId) {
    return new Rejection(reason, firstSeq, getMessage(), annotationId);
  }
}
