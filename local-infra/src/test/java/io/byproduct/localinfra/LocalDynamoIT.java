package io.byproduct.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class LocalDynamoIT {

  @Test
  void inMemoryServer_answersDynamoDbCallsUntilClosed() {
    LocalDynamo dynamo = LocalDynamo.start();
    try (DynamoDbClient client = client(dynamo)) {
      createTable(client, "firstTable");
      assertThat(client.listTables().tableNames()).containsExactly("firstTable");

      dynamo.close();

      assertThat(dynamo.isAlive()).isFalse();
      assertThatThrownBy(client::listTables).isInstanceOf(SdkClientException.class);
    }
  }

  @Test
  void serverWithDataDir_keepsTablesAcrossARestart(@TempDir Path dataDir) {
    try (LocalDynamo dynamo = LocalDynamo.start(DynaliteInstall.locate(), dataDir, 0);
        DynamoDbClient client = client(dynamo)) {
      createTable(client, "keptTable");
    }

    try (LocalDynamo restarted = LocalDynamo.start(DynaliteInstall.locate(), dataDir, 0);
        DynamoDbClient client = client(restarted)) {
      assertThat(client.listTables().tableNames()).containsExactly("keptTable");
    }
  }

  @Test
  void locate_withAWrongHome_saysWhatToFix(@TempDir Path empty) {
    assertThatThrownBy(() -> DynaliteInstall.of(empty, "node"))
        .hasMessageContaining(DynaliteInstall.HOME_PROPERTY)
        .hasMessageContaining("npm ci");
  }

  private static void createTable(DynamoDbClient client, String name) {
    client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
  }

  private static DynamoDbClient client(LocalDynamo dynamo) {
    return DynamoDbClient.builder()
        .endpointOverride(URI.create(dynamo.endpoint()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .build();
  }
}
