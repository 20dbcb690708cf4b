package io.byproduct.platform;

import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.startup.DynamoConfigurationCheck;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** Builds the DynamoDB client the same way for dynalite (endpoint override) and real AWS. */
public final class DynamoClients {

  private DynamoClients() {}

  public static DynamoDbClient create(DynamoProperties properties) {
    DynamoConfigurationCheck.checkDynamo(properties);
    DynamoDbClientBuilder builder = DynamoDbClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(properties.region()))
        .overrideConfiguration(o -> o.apiCallTimeout(properties.callTimeout()));
    if (properties.endpoint() != null) {
      builder.endpointOverride(properties.endpoint())
          .credentialsProvider(StaticCredentialsProvider.create(
              AwsBasicCredentials.create(properties.accessKeyId(), properties.secretAccessKey())));
    } else {
      builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    return builder.build();
  }

  /** Where the client goes, for messages: the endpoint, or the AWS region. */
  public static String describe(DynamoProperties properties) {
    return properties.endpoint() != null
        ? properties.endpoint().toString()
        : "AWS DynamoDB in " + properties.region();
  }
}
