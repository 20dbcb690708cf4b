package io.byproduct.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.hittool.demo.DemoDataset;
import io.byproduct.schemas.quality.HitReviewPage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The devstack with the demo dataset, nothing set up by hand: three workers submit page 1 of
 * demo-hit-01 (through the original front end's API, which devstack serves), and the live quality
 * API shows the page's selection frequencies and the assignments' scores — to requesters only.
 */
class LiveQualityIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> send(String method, String url, String body, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static ObjectNode record(String imageId, boolean selected, long time) {
    ObjectNode r = JSON.createObjectNode();
    r.put("imageID", imageId).put("originalImageHeight", 400).put("originalImageWidth", 400)
        .put("imageHeight", 150).put("imageWidth", 150).put("selected", selected);
    r.putObject("imagePosition").put("x", 10).put("y", 20);
    ArrayNode hovers = r.putArray("hoveredRecord");
    hovers.addObject().put("action", "enter").put("time", time);
    hovers.addObject().put("action", "leave").put("time", time + 500);
    r.putArray("mouseTracking");
    ArrayNode clicks = r.putArray("selectedRecord");
    if (selected) {
      clicks.addObject().put("x", 0.5).put("y", 0.5).put("time", time + 200);
    }
    return r;
  }

  @Test
  void demoPagesSubmitted_showSelectionFrequenciesAndScores_toRequestersOnly(@TempDir Path dataDir) throws Exception {
    LocalStack stack = LocalStack.start(dataDir, 0, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));
    try {
      String base = stack.baseUrl();
      JsonNode hit = JSON.readTree(send("GET", base + "/api/imagenet/demo/hits/demo-hit-01", null, null).body());
      List<String> images = new ArrayList<>();
      hit.get("pages").get(0).get("images").forEach(i -> images.add(i.get("id").asString()));
      HitReviewPage review = DemoDataset.reviews().get(0).getPages().get(0);
      List<String> candidates = images.stream().filter(i -> !review.getControls().containsKey(i)).toList();
      String chosen = candidates.get(0);

      List<String> annotations = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        String id = UUID.randomUUID().toString();
        annotations.add(id);
        long start = 1_760_000_000_000L + w * 100_000L;
        String create = "{\"id\":\"" + id + "\",\"annotatorID\":\"\",\"version\":\"POINTER_ORIGINAL\","
            + "\"assignmentID\":\"ASSIGN-" + w + "\",\"hitID\":\"MTURK-1\",\"workerID\":\"QUALITYWORKER" + w + "\","
            + "\"startedAt\":" + start + "}";
        assertThat(send("POST", base + "/api/imagenet/demo/hits/demo-hit-01/annotations", create, null).statusCode())
            .isEqualTo(200);
        ObjectNode body = JSON.createObjectNode();
        ObjectNode page = body.putObject("page").put("id", "page-" + id).put("pageno", 1).put("startedAt", start)
            .put("endedAt", start + 45_000);
        ArrayNode records = page.putArray("annotations");
        for (String image : images) {
          // workers 0 and 1 select the chosen candidate, worker 2 does not; everyone selects the positive controls
          boolean selected = image.equals(chosen) ? w < 2
              : review.getControls().get(image) == io.byproduct.schemas.quality.ControlRole.POSITIVE;
          records.add(record(image, selected, start + 1000));
        }
        body.put("endedAt", start + 45_000).put("isDone", false);
        HttpResponse<String> put = send("PUT", base + "/api/imagenet/demo/annotations/" + id,
            JSON.writeValueAsString(body), null);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      }

      String token = stack.reviewToken();
      String imagesUrl = base + "/api/quality/demo/images?limit=1000";
      assertThat(send("GET", imagesUrl, null, null).statusCode()).as("no token, no scores").isEqualTo(401);
      assertThat(send("GET", imagesUrl, null, "not-" + token).statusCode()).isEqualTo(401);

      JsonNode frequency = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (System.nanoTime() < deadline) {
        JsonNode listing = JSON.readTree(send("GET", imagesUrl, null, token).body());
        for (JsonNode r : listing.get("records")) {
          if (r.get("imageId").asString().equals(chosen) && r.get("workers").asInt() == 3) {
            frequency = r;
          }
        }
        if (frequency != null) {
          break;
        }
        Thread.sleep(500);
      }
      assertThat(frequency).as("selection frequency of %s after three pages", chosen).isNotNull();
      assertThat(frequency.get("classId").asString()).isEqualTo(review.getClassId());
      assertThat(frequency.get("selections").asInt()).isEqualTo(2);
      assertThat(frequency.get("frequency").asDouble()).isEqualTo(2.0 / 3);
      assertThat(frequency.get("versions").get(0).get("version").asString()).isEqualTo("POINTER_ORIGINAL");

      JsonNode assignment = null;
      while (assignment == null && System.nanoTime() < deadline) {
        HttpResponse<String> flags = send("GET", base + "/api/quality/demo/assignments/" + annotations.get(0) + "/flags",
            null, token);
        assignment = flags.statusCode() == 200 ? JSON.readTree(flags.body()) : null;
        Thread.sleep(assignment == null ? 500 : 0);
      }
      assertThat(assignment).isNotNull();
      assertThat(assignment.get("positiveAccuracy").asDouble()).isEqualTo(1.0);
      assertThat(assignment.get("negativeAccuracy").asDouble()).isEqualTo(1.0);
      assertThat(assignment.get("counts").get("pages").asInt()).isEqualTo(1);
      assertThat(assignment.get("workerId").asString()).as("pseudonymised").doesNotContain("QUALITYWORKER");
      assertThat(assignment.get("flags")).isEmpty();
    } finally {
      stack.close();
    }
  }
}
