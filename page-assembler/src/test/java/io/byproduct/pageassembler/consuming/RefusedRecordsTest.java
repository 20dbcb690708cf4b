package io.byproduct.pageassembler.consuming;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

class RefusedRecordsTest {

  private static DynamoDbException error(int status, String code, String message) {
    return (DynamoDbException) DynamoDbException.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
  }

  @Test
  void isRefusedForItsContent_onlyForWhatTheItemItselfHolds() {
    assertThat(RefusedRecords.isRefusedForItsContent(
        error(400, "ValidationException", "Item size has exceeded the maximum allowed size"))).isTrue();
    assertThat(RefusedRecords.isRefusedForItsContent(error(400, "ValidationException",
        "One or more parameter values were invalid: An string set  may not be empty"))).isTrue();
    assertThat(RefusedRecords.isRefusedForItsContent(error(400, "ValidationException",
        "One or more parameter values were invalid: An AttributeValue may not contain an empty string"))).isTrue();
  }

  @Test
  void isRefusedForItsContent_neverForTheDeploymentsOrTheStoresFault() {
    assertThat(RefusedRecords.isRefusedForItsContent(error(400, "AccessDeniedException", "not authorized"))).isFalse();
    assertThat(RefusedRecords.isRefusedForItsContent((DynamoDbException) ResourceNotFoundException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException")
            .errorMessage("Requested resource not found").build()).build())).isFalse();
    assertThat(RefusedRecords.isRefusedForItsContent(error(400, "UnrecognizedClientException", "bad token"))).isFalse();
    assertThat(RefusedRecords.isRefusedForItsContent(error(400, "ValidationException",
        "One or more parameter values were invalid: The provided key element does not match the schema"))).isFalse();
    assertThat(RefusedRecords.isRefusedForItsContent(error(400, "ProvisionedThroughputExceededException", "slow down")))
        .isFalse();
    assertThat(RefusedRecords.isRefusedForItsContent(error(500, "InternalServerError", "oops"))).isFalse();
    assertThat(RefusedRecords.isRefusedForItsContent(SdkClientException.create("connection refused"))).isFalse();
  }
}
