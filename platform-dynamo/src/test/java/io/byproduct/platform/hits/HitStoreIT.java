package io.byproduct.platform.hits;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.config.DynamoProperties.TableNames;
import io.byproduct.platform.tables.TableProvisioner;
import io.byproduct.platform.tables.Tables;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The review section round-trips through a real DynamoDB-compatible server and stays out of the worker's view. */
class HitStoreIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final String HIT_WITH_REVIEW = """
      {"hitDatasetName":"demo","id":"demo-hit-0001","isUnique":false,
       "pages":[{"pageno":1,"class":{"id":"c1","wnid":"n01440764","synset":["tench"],"description":"a fish",
         "wikipedia":["https://en.wikipedia.org/wiki/Tench"]},
         "images":[{"id":"c1/a","url":"/images/a.jpg"},{"id":"c1/p","url":"/images/p.jpg"},{"id":"c2/n","url":"/images/n.jpg"}]}],
       "review":{"controls":{"1":{"c1/p":"positive","c2/n":"negative"}},"negativeControlClass":{"1":"c2"}}}""";

  private static LocalDynamo server;
  private static DynamoDbClient dynamo;
  private static HitStore store;

  @BeforeAll
  static void start() {
    server = LocalDynamo.start();
    DynamoProperties props = new DynamoProperties(URI.create(server.endpoint()), "us-east-1", "local", "local",
        Duration.ofSeconds(10), new TableNames("ImageNetHIT", "ImageNetAnnotation", "ImageNetAnnotationPage"));
    dynamo = DynamoClients.create(props);
    Tables tables = new Tables(props.tables());
    new TableProvisioner(dynamo, tables, server.endpoint()).createMissing();
    store = new HitStore(dynamo, tables);
  }

  @AfterAll
  static void stop() {
    dynamo.close();
    server.close();
  }

  @Test
  void reviewIsStored_returnedToRequesters_andLeftOutForWorkers() {
    store.put(HIT_WITH_REVIEW);

    JsonNode requester = JSON.readTree(store.findWithReview("demo", "demo-hit-0001").orElseThrow());
    JsonNode worker = JSON.readTree(store.findJson("demo", "demo-hit-0001").orElseThrow());

    assertThat(requester).isEqualTo(JSON.readTree(HIT_WITH_REVIEW));
    assertThat(worker.has(HitStore.REVIEW)).isFalse();
    assertThat(worker.get("pages")).isEqualTo(requester.get("pages"));
  }

  @Test
  void writingTheSameHitAgain_keepsOneItemWithTheSameContent() {
    store.put(HIT_WITH_REVIEW);
    store.put(HIT_WITH_REVIEW);

    assertThat(dynamo.scan(b -> b.tableName("ImageNetHIT").filterExpression("id = :i").expressionAttributeValues(java.util.Map.of(":i", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("demo-hit-0001")))).count()).isEqualTo(1);
    assertThat(JSON.readTree(store.findWithReview("demo", "demo-hit-0001").orElseThrow()))
        .isEqualTo(JSON.readTree(HIT_WITH_REVIEW));
  }

  @Test
  void hitWithoutReview_readsTheSameBothWays() {
    String plain = "{\"hitDatasetName\":\"demo\",\"id\":\"plain\",\"pages\":[]}";
    store.put(plain);

    assertThat(JSON.readTree(store.findJson("demo", "plain").orElseThrow())).isEqualTo(JSON.readTree(plain));
    assertThat(JSON.readTree(store.findWithReview("demo", "plain").orElseThrow())).isEqualTo(JSON.readTree(plain));
  }

  @Test
  void unknownHit_isEmptyBothWays() {
    assertThat(store.findJson("demo", "nope")).isEmpty();
    assertThat(store.findWithReview("other", "demo-hit-0001")).isEmpty();
  }

  @Test
  void put_withoutKeys_isRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.put("{\"id\":\"x\",\"pages\":[]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hitDatasetName");
  }
}
