package io.byproduct.pageassembler.consuming;

import io.byproduct.schemas.deadletter.DeadLetterReason;

/**
 * A record that no retry will ever store (undecodable, or refused by DynamoDB for its own
 * content): not retried, it goes straight to the dead letters ({@link DeadLetterRecoverer}).
 */
final class MalformedRecord extends RuntimeException {

  private final DeadLetterReason reason;

  MalformedRecord(DeadLetterReason reason, String detail, Throwable cause) {
    super(detail == null ? "" : detail, cause, false, false);
    this.reason = reason;
  }

  DeadLetterReason reason() {
    return reason;
  }
}
