package io.byproduct.pageassembler.writing;

/** What a conditional write found. */
public enum WriteOutcome {
  /** The item was written. */
  WRITTEN,
  /** The same item was stored already (a redelivery): nothing changed. */
  ALREADY_STORED,
  /** A newer state is stored already (an older record redelivered): nothing changed. */
  STALE
}
