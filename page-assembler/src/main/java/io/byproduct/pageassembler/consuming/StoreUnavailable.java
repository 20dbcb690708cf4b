package io.byproduct.pageassembler.consuming;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * DynamoDB refused a write for a reason that is the store's or the deployment's, not the record's
 * (access denied, a missing table, throttling, an outage): retried from this record after a
 * back-off, for as long as it takes; never dead-lettered.
 */
final class StoreUnavailable extends RuntimeException {

  StoreUnavailable(String reason, SdkException cause) {
    super(reason, cause, false, false);
  }
}
