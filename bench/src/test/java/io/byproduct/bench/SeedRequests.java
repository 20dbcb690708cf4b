package io.byproduct.bench;

import io.byproduct.bench.oracle.ReferenceRecords;
import io.byproduct.bench.script.PageScript;
import io.byproduct.schemas.json.SeedJson;
import io.byproduct.schemas.record.ImageRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The requests of the original front end's REST API, as the ITs of the seed's API send them. */
final class SeedRequests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private SeedRequests() {}

  /**
   * The PUT body the original front end sends for page 1 of a script: records in image order, no
   * worker id per image, a new page id.
   */
  static String putBody(PageScript script, long startedAt, long endedAt, boolean isDone) {
    ArrayNode annotations = JSON.createArrayNode();
    for (ImageRecord record : ReferenceRecords.of(script, null)) {
      ObjectNode node = SeedJson.toTree(record);
      node.remove("worker_id");
      annotations.add(node);
    }
    ObjectNode body = JSON.createObjectNode();
    ObjectNode page = body.putObject("page");
    page.put("id", UUID.randomUUID().toString());
    page.put("pageno", 1);
    page.put("startedAt", startedAt);
    page.put("endedAt", endedAt);
    page.set("annotations", annotations);
    body.put("endedAt", endedAt);
    body.put("isDone", isDone);
    return JSON.writeValueAsString(body);
  }

  /** A JSON request to the gateway at {@code baseUrl}; {@code body} null for none. */
  static HttpResponse<String> send(String baseUrl, String method, String path, String body) throws Exception {
    return send(baseUrl, method, path, body, null);
  }

  /** The same, with the assignment's capability in its header (our page's requests), or {@code null}. */
  static HttpResponse<String> send(String baseUrl, String method, String path, String body, String capability)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/json");
    if (capability != null) {
      request.header("X-Byproduct-Capability", capability);
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
