package io.byproduct.pageassembler.consuming;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Tells failures worth retrying (throttling, server errors, an unreachable endpoint) from the rest. */
final class TransientFailures {

  private TransientFailures() {}

  static boolean isTransient(SdkException e) {
    if (e instanceof SdkClientException) {
      return true;
    }
    if (e instanceof AwsServiceException service) {
      return service.isThrottlingException() || service.statusCode() >= 500
          || "ProvisionedThroughputExceededException".equals(errorCode(service))
          || "RequestLimitExceeded".equals(errorCode(service));
    }
    return e.retryable();
  }

  private static String errorCode(AwsServiceException e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }
}
