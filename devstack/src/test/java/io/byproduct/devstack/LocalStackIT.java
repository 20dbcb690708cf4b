package io.byproduct.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-command local run: everything starts, reports UP, serves the demo HIT, and stops. */
class LocalStackIT {

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void start_bringsUpEveryPart_withTheDemoDataset_thenStopsThemAll(@TempDir Path dataDir) throws Exception {
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    LocalStack stack = LocalStack.start(dataDir, 0, new PrintStream(progress, true, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> health = get(stack.baseUrl() + "/actuator/health");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"kafka\":{").contains("\"dynamo\":{").startsWith("{").contains("\"status\":\"UP\"");
      assertThat(health.body()).doesNotContain("DOWN");

      HttpResponse<String> hit = get(stack.baseUrl() + "/api/imagenet/demo/hits/demo-hit-01");
      assertThat(hit.statusCode()).isEqualTo(200);
      assertThat(hit.body()).contains("\"pageno\":3").contains("/images/demo/");
      assertThat(hit.body()).as("controls are never shown to workers").doesNotContain("review").doesNotContain("positive");

      HttpResponse<String> live = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(stack.baseUrl() + "/live/stream?token=wrong")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(live.statusCode()).as("live streams are on, behind the printed token").isEqualTo(401);

      HttpResponse<String> page = get(stack.demoUrl());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<script");
      assertThat(progress.toString(StandardCharsets.UTF_8)).contains("[6/6]").contains("demo-hit-01");
    } finally {
      stack.close();
    }

    assertThat(Files.exists(dataDir.resolve("kafka/meta.properties"))).as("Kafka data kept").isTrue();
    assertThat(Files.list(dataDir.resolve("images/demo")).count()).isGreaterThan(100);
  }
}
