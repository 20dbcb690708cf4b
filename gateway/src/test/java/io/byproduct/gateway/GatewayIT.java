package io.byproduct.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.platform.hits.HitStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway on a real broker and DynamoDB server. */
class GatewayIT {

  @TempDir
  static Path images;

  private static LocalKafka kafka;
  private static LocalDynamo dynamo;
  private static ConfigurableApplicationContext gateway;
  private static WebTestClient client;

  @BeforeAll
  static void start() throws Exception {
    kafka = LocalKafka.start();
    dynamo = LocalDynamo.start();
    Files.createDirectories(images.resolve("demo"));
    Files.writeString(images.resolve("demo/cat.svg"), "<svg xmlns='http://www.w3.org/2000/svg' width='4' height='3'/>");
    gateway = GatewayApplication.builder().run(
        "--server.port=0",
        "--byproduct.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--byproduct.dynamo.endpoint=" + dynamo.endpoint(),
        "--byproduct.provisioning.create-missing=true",
        "--byproduct.gateway.worker-id-key=gateway-it-worker-id-key",
        "--byproduct.gateway.survey-code-key=gateway-it-survey-code-key",
        // the details a deployment shows on its management port (the public port shows the status only)
        "--management.endpoint.health.show-details=always",
        "--management.endpoint.health.show-components=always",
        "--byproduct.gateway.images-dir=" + images);
    int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
    client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
  }

  @AfterAll
  static void stop() {
    gateway.close();
    dynamo.close();
    kafka.close();
  }

  @Test
  void health_reportsKafkaAndDynamoUp() {
    client.get().uri("/actuator/health").exchange()
        .expectStatus().isOk()
        .expectBody()
        .jsonPath("$.status").isEqualTo("UP")
        .jsonPath("$.components.kafka.status").isEqualTo("UP")
        .jsonPath("$.components.dynamo.status").isEqualTo("UP")
        .jsonPath("$.components.dynamo.details.tables.ImageNetHIT").isEqualTo("ACTIVE");
  }

  @Test
  void hitFetch_answersTheStoredHitInTheSeedsShape() {
    String hit = """
        {"hitDatasetName":"demo","id":"hit-0001","isUnique":true,"pages":[{"pageno":1,
         "class":{"id":"c1","wnid":"n01440764","synset":["tench","Tinca tinca"],"description":"freshwater fish",
         "wikipedia":["https://en.wikipedia.org/wiki/Tench"]},
         "images":[{"id":"n01440764/n01440764_105","url":"/images/demo/cat.svg"}]}]}""";
    gateway.getBean(HitStore.class).put(hit);

    byte[] body = client.get().uri("/api/imagenet/demo/hits/hit-0001").exchange()
        .expectStatus().isOk()
        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
        .expectBody().returnResult().getResponseBody();

    JsonMapper json = JsonMapper.builder().build();
    JsonNode answered = json.readTree(body);
    assertThat(answered).isEqualTo(json.readTree(hit));
  }

  @Test
  void hitFetch_unknownHit_is404WithAMessage() {
    client.get().uri("/api/imagenet/demo/hits/no-such-hit").exchange()
        .expectStatus().isNotFound()
        .expectBody().jsonPath("$.error").isEqualTo("no HIT 'no-such-hit' in dataset 'demo'");
  }

  @Test
  void imagesFolder_isServed_andTheWorkersPageIsAtTheRoot() {
    client.get().uri("/images/demo/cat.svg").exchange()
        .expectStatus().isOk()
        .expectBody(String.class).value(svg -> assertThat(svg).contains("width='4'"));
    client.get().uri("/").exchange()
        .expectStatus().isOk()
        .expectBody(String.class).value(html -> assertThat(html).contains("<script"));
  }

  @Test
  void prometheusMetrics_areExposed() {
    client.get().uri("/actuator/prometheus").exchange()
        .expectStatus().isOk()
        .expectBody(String.class).value(text -> assertThat(text).contains("jvm_memory_used_bytes"));
  }
}
