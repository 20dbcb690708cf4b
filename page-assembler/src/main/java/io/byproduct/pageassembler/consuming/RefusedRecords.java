package io.byproduct.pageassembler.consuming;

import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Tells a DynamoDB error about the record itself (its item is too large or holds a value DynamoDB
 * cannot store: the page is malformed, and no retry will ever store it) from every other error —
 * access denied, a missing table, bad credentials, throttling, a server error, an unreachable
 * endpoint, a key schema that does not match. Only the first kind may go to the dead letters; the
 * rest are the store's or the deployment's fault, and dead-lettering on them would drain every page
 * into the dead letters over one permissions mistake.
 */
final class RefusedRecords {

  /** What DynamoDB's ValidationException says about an item's own content. */
  private static final List<String> CONTENT_PROBLEMS = List.of(
      "item size has exceeded",               // PutItem over 400 KB
      "item size to update has exceeded",     // UpdateItem over 400 KB
      "may not contain an empty",             // an empty key string
      "may not be empty",                     // an empty set
      "nesting levels have exceeded",         // more than 32 levels of nested lists and maps
      "number overflow",                      // a number DynamoDB cannot hold
      "contains duplicates");                 // a set with twice the same member

  private RefusedRecords() {}

  /** @return whether DynamoDB refused the record for its own content (and always will) */
  static boolean isRefusedForItsContent(SdkException e) {
    if (!(e instanceof AwsServiceException service) || service.awsErrorDetails() == null) {
      return false;
    }
    if (!"ValidationException".equals(service.awsErrorDetails().errorCode())) {
      return false;
    }
    String message = String.valueOf(service.awsErrorDetails().errorMessage()).toLowerCase(Locale.ROOT);
    return CONTENT_PROBLEMS.stream().anyMatch(message::contains);
  }

  /** A short reason for the health endpoint and the log: the error code and message. */
  static String describe(SdkException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      return service.awsErrorDetails().errorCode() + " (HTTP " + service.statusCode() + "): "
          + service.awsErrorDetails().errorMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
