package io.byproduct.hittool.review;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local MTurk requester endpoint for tests: MTurk's JSON 1.1 protocol for ListAssignmentsForHIT
 * (paged by NextToken), ApproveAssignment and RejectAssignment, with assignment state. Every
 * request must carry a SigV4 Authorization header of the right shape for service
 * {@code mturk-requester}, an {@code X-Amz-Date}, the JSON 1.1 content type and a known target;
 * otherwise it answers 403/400 as MTurk does. It can throttle the next requests.
 */
public final class MturkDouble implements AutoCloseable {

  static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256 Credential=([A-Z0-9]+)/(\\d{8})/us-east-1/"
      + "mturk-requester/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** An assignment as the double keeps it. */
  static final class Assignment {
    final String id;
    final String hitId;
    final String workerId;
    final String answer;
    String status;
    String feedback;

    Assignment(String id, String hitId, String workerId, String status, String answer) {
      this.id = id;
      this.hitId = hitId;
      this.workerId = workerId;
      this.status = status;
      this.answer = answer;
    }
  }

  private final HttpServer server;
  private final String accessKeyId;
  private final int pageSize;
  final Map<String, Assignment> assignments = Collections.synchronizedMap(new LinkedHashMap<>());
  final List<String> targets = Collections.synchronizedList(new ArrayList<>());
  final List<JsonNode> bodies = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger refused = new AtomicInteger();
  final AtomicInteger throttled = new AtomicInteger();
  private final AtomicInteger throttleNext = new AtomicInteger();

  public MturkDouble(String accessKeyId, int pageSize) throws IOException {
    this.accessKeyId = accessKeyId;
    this.pageSize = pageSize;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** MTurk's QuestionFormAnswers XML of an assignment whose worker entered this survey code. */
  public static String answer(String code) {
    return "<?xml version=\"1.0\" encoding=\"ASCII\"?><QuestionFormAnswers xmlns=\"http://mechanicalturk.amazonaws.com/"
        + "AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd\"><Answer><QuestionIdentifier>surveycode"
        + "</QuestionIdentifier><FreeText>" + code + "</FreeText></Answer></QuestionFormAnswers>";
  }

  public void add(String id, String hitId, String workerId, String status, String answer) {
    assignments.put(id, new Assignment(id, hitId, workerId, status, answer));
  }

  void throttleNext(int requests) {
    throttleNext.set(requests);
  }

  long calls(String operation) {
    return targets.stream().filter(t -> t.equals("MTurkRequesterServiceV20170117." + operation)).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] raw = exchange.getRequestBody().readAllBytes();
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    Matcher auth = authorization == null ? null : AUTHORIZATION.matcher(authorization);
    if (auth == null || !auth.matches() || !auth.group(1).equals(accessKeyId)
        || exchange.getRequestHeaders().getFirst("X-Amz-Date") == null
        || !exchange.getRequestHeaders().getFirst("X-Amz-Date").startsWith(auth.group(2))
        || !List.of(auth.group(3).split(";")).containsAll(List.of("host", "x-amz-date", "x-amz-target"))) {
      refused.incrementAndGet();
      reply(exchange, 403, error("IncompleteSignatureException", "bad or missing signature"));
      return;
    }
    if (!"POST".equals(exchange.getRequestMethod())
        || !"application/x-amz-json-1.1".equals(exchange.getRequestHeaders().getFirst("Content-Type"))
        || target == null || !target.startsWith("MTurkRequesterServiceV20170117.")) {
      refused.incrementAndGet();
      reply(exchange, 400, error("UnknownOperationException", "not MTurk's JSON 1.1 protocol"));
      return;
    }
    targets.add(target);
    if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throttled.incrementAndGet();
      reply(exchange, 400, error("ThrottlingException", "Rate exceeded"));
      return;
    }
    JsonNode body = JSON.readTree(raw);
    bodies.add(body);
    String operation = target.substring(target.indexOf('.') + 1);
    switch (operation) {
      case "ListAssignmentsForHIT" -> list(exchange, body);
      case "ApproveAssignment" -> decide(exchange, body, "Approved", false);
      case "RejectAssignment" -> decide(exchange, body, "Rejected", true);
      default -> reply(exchange, 400, error("UnknownOperationException", operation));
    }
  }

  private void list(HttpExchange exchange, JsonNode body) throws IOException {
    List<String> statuses = new ArrayList<>();
    body.path("AssignmentStatuses").forEach(s -> statuses.add(s.asString()));
    List<Assignment> matching;
    synchronized (assignments) {
      matching = assignments.values().stream().filter(a -> a.hitId.equals(body.path("HITId").asString()))
          .filter(a -> statuses.isEmpty() || statuses.contains(a.status)).toList();
    }
    int from = body.hasNonNull("NextToken") ? Integer.parseInt(body.get("NextToken").asString().substring(5)) : 0;
    int size = Math.min(pageSize, body.path("MaxResults").asInt(10));
    ObjectNode reply = JSON.createObjectNode();
    ArrayNode page = reply.putArray("Assignments");
    for (Assignment a : matching.subList(from, Math.min(matching.size(), from + size))) {
      page.addObject().put("AssignmentId", a.id).put("WorkerId", a.workerId).put("HITId", a.hitId)
          .put("AssignmentStatus", a.status).put("Answer", a.answer);
    }
    reply.put("NumResults", page.size());
    if (from + size < matching.size()) {
      reply.put("NextToken", "page-" + (from + size));
    }
    reply(exchange, 200, reply);
  }

  private void decide(HttpExchange exchange, JsonNode body, String status, boolean feedbackRequired) throws IOException {
    Assignment a = assignments.get(body.path("AssignmentId").asString(""));
    if (a == null) {
      reply(exchange, 400, error("RequestError", "Assignment does not exist"));
    } else if (!a.status.equals("Submitted")) {
      reply(exchange, 400, error("RequestError", "This operation can be called with a status of: Submitted"));
    } else if (feedbackRequired && body.path("RequesterFeedback").asString("").isEmpty()) {
      reply(exchange, 400, error("RequestError", "RequesterFeedback is required"));
    } else {
      a.status = status;
      a.feedback = body.path("RequesterFeedback").asString(null);
      reply(exchange, 200, JSON.createObjectNode());
    }
  }

  private static ObjectNode error(String type, String message) {
    return JSON.createObjectNode().put("__type", "com.amazonaws.mechanicalturkrequester#" + type).put("Message", message);
  }

  private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** The status the double holds for an assignment. */
  public String status(String assignmentId) {
    return assignments.get(assignmentId).status;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
