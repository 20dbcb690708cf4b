package io.byproduct.hittool.review;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The three MTurk requester operations review needs, in MTurk's JSON 1.1 protocol: a POST to the
 * endpoint with {@code X-Amz-Target: MTurkRequesterServiceV20170117.<Operation>} and
 * {@code Content-Type: application/x-amz-json-1.1}, signed with the AWS SDK's SigV4 signer
 * (service {@value #SIGNING_NAME}, region us-east-1), sent with the SDK's HTTP client. The SDK's
 * own {@code mturk} module is not served by our registry; this is the wire format it speaks.
 *
 * <p>Throttling (HTTP 429 or 503, or an error whose type or code names throttling) and MTurk's
 * {@code ServiceFault} are retried with exponential backoff; other errors fail at once. The
 * credentials are never printed.
 */
public final class MturkClient {

  public static final URI SANDBOX = URI.create("https://mturk-requester-sandbox.us-east-1.amazonaws.com");
  public static final URI PRODUCTION = URI.create("https://mturk-requester.us-east-1.amazonaws.com");
  static final String SIGNING_NAME = "mturk-requester";
  static final String TARGET_PREFIX = "MTurkRequesterServiceV20170117.";
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One assignment of ListAssignmentsForHIT. */
  public record Assignment(String assignmentId, String workerId, String hitId, String status, String answerXml) {}

  /** An error MTurk answered (after retries for throttling). */
  public static final class MturkException extends RuntimeException {
    private final int status;
    private final String type;

    MturkException(int status, String type, String message) {
      super("MTurk answered " + status + " " + type + ": " + message);
      this.status = status;
      this.type = type;
    }

    public int status() {
      return status;
    }

    public String type() {
      return type;
    }
  }

  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final URI endpoint;
  private final int maxAttempts;
  private final Duration firstBackoff;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  public MturkClient(SdkHttpClient http, AwsCredentialsProvider credentials, URI endpoint, int maxAttempts,
      Duration firstBackoff) {
    this.http = http;
    this.credentials = credentials;
    this.endpoint = endpoint;
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
  }

  /** Every assignment of the HIT in any status, following NextToken. */
  public List<Assignment> listAssignmentsForHit(String hitId) {
    List<Assignment> all = new ArrayList<>();
    String token = null;
    do {
      ObjectNode body = JSON.createObjectNode().put("HITId", hitId).put("MaxResults", 100);
      body.putArray("AssignmentStatuses").add("Submitted").add("Approved").add("Rejected");
      if (token != null) {
        body.put("NextToken", token);
      }
      JsonNode page = call("ListAssignmentsForHIT", body);
      for (JsonNode a : page.path("Assignments")) {
        all.add(new Assignment(a.path("AssignmentId").asString(""), a.path("WorkerId").asString(""),
            a.path("HITId").asString(hitId), a.path("AssignmentStatus").asString(""), a.path("Answer").asString("")));
      }
      JsonNode next = page.get("NextToken");
      token = next == null || next.isNull() || next.asString("").isEmpty() ? null : next.asString();
    } while (token != null);
    return all;
  }

  public void approve(String assignmentId, String feedback) {
    ObjectNode body = JSON.createObjectNode().put("AssignmentId", assignmentId).put("OverrideRejection", false);
    if (feedback != null && !feedback.isEmpty()) {
      body.put("RequesterFeedback", feedback);
    }
    call("ApproveAssignment", body);
  }

  public void reject(String assignmentId, String feedback) {
    call("RejectAssignment", JSON.createObjectNode().put("AssignmentId", assignmentId).put("RequesterFeedback", feedback));
  }

  JsonNode call(String operation, ObjectNode body) {
    byte[] payload = JSON.writeValueAsBytes(body);
    Duration backoff = firstBackoff;
    for (int attempt = 1; ; attempt++) {
      Reply reply = send(operation, payload);
      if (reply.status() / 100 == 2) {
        return reply.body();
      }
      String type = reply.body().path("__type").asString("");
      String code = reply.body().path("TurkErrorCode").asString("");
      String message = reply.body().path("Message").asString(reply.body().path("message").asString(""));
      boolean retryable = reply.status() == 429 || reply.status() == 503 || reply.status() >= 500
          || type.contains("Throttl") || code.contains("Throttl") || type.endsWith("ServiceFault");
      if (!retryable || attempt >= maxAttempts) {
        throw new MturkException(reply.status(), type.isEmpty() ? code : type, message);
      }
      sleep(backoff);
      backoff = backoff.multipliedBy(2);
    }
  }

  private record Reply(int status, JsonNode body) {}

  private Reply send(String operation, byte[] payload) {
    SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
        .putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("X-Amz-Target", TARGET_PREFIX + operation)
        .putHeader("Content-Length", String.valueOf(payload.length))
        .build();
    SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials()).request(request)
        .payload(ContentStreamProvider.fromByteArray(payload))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
    try {
      HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
          .contentStreamProvider(signed.payload().orElse(null)).build()).call();
      byte[] bytes;
      try (InputStream in = response.responseBody().map(s -> (InputStream) s).orElse(InputStream.nullInputStream())) {
        bytes = in.readAllBytes();
      }
      JsonNode body = bytes.length == 0 ? JSON.createObjectNode() : parse(bytes);
      return new Reply(response.httpResponse().statusCode(), body);
    } catch (IOException e) {
      throw new UncheckedIOException("MTurk at " + endpoint + " could not be reached: " + e.getMessage(), e);
    }
  }

  private static JsonNode parse(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (RuntimeException notJson) {
      return JSON.createObjectNode().put("Message", new String(bytes, 0, Math.min(bytes.length, 200),
          StandardCharsets.UTF_8));
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry MTurk", e);
    }
  }

  @Override
  public String toString() {
    return "MturkClient[" + endpoint + ", credentials hidden]";
  }
}
