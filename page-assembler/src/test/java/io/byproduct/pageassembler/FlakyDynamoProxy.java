package io.byproduct.pageassembler;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy in front of dynalite that, while told to, answers DynamoDB writes ({@code PutItem},
 * {@code BatchWriteItem})
 * with DynamoDB's own errors in its JSON 1.0 protocol: the {@code __type} of the body and the
 * {@code x-amzn-ErrorType} header name the error, as the service does. Everything else is forwarded.
 */
final class FlakyDynamoProxy implements AutoCloseable {

  /** What a write gets. */
  enum Fault {
    /** Forwarded to dynalite. */
    NONE(0, null, null),
    /** 400 ProvisionedThroughputExceededException: DynamoDB throttles the table. */
    THROTTLE(400, "ProvisionedThroughputExceededException",
        "The level of configured provisioned throughput for the table was exceeded. "
            + "Consider increasing your provisioning level with the UpdateTable API."),
    /** 500 InternalServerError, not forwarded. */
    SERVER_ERROR(500, "InternalServerError", "Internal server error"),
    /** 503 ServiceUnavailable, not forwarded. */
    UNAVAILABLE(503, "ServiceUnavailable", "Service unavailable"),
    /** Forwarded (dynalite stores the item), but the answer is lost: 500 instead. */
    LOST_ANSWER(500, "InternalServerError", "Internal server error"),
    /** 400 AccessDeniedException, not forwarded: the role lacks dynamodb:PutItem (a deployment mistake). */
    ACCESS_DENIED(400, "AccessDeniedException", "User: arn:aws:sts::123456789012:assumed-role/page-assembler/i-0 "
        + "is not authorized to perform: dynamodb:PutItem on resource: table/ImageNetAnnotationPage");

    final int status;
    final String type;
    final String message;

    Fault(int status, String type, String message) {
      this.status = status;
      this.type = type;
      this.message = message;
    }
  }

  private static final String PROTOCOL_PREFIX = "com.amazonaws.dynamodb.v20120810#";
  private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
      "upgrade", "transfer-encoding", "keep-alive");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI target;
  private final Map<Fault, AtomicInteger> answered = new EnumMap<>(Fault.class);
  private volatile Fault fault = Fault.NONE;

  private FlakyDynamoProxy(URI target) throws IOException {
    this.target = target;
    for (Fault f : Fault.values()) {
      answered.put(f, new AtomicInteger());
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  static FlakyDynamoProxy in(String dynamoEndpoint) throws IOException {
    return new FlakyDynamoProxy(URI.create(dynamoEndpoint));
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void fail(Fault next) {
    fault = next;
  }

  /** Writes answered with {@code f} so far ({@link Fault#NONE}: writes forwarded). */
  int answered(Fault f) {
    return answered.get(f).get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String operation = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      boolean write = operation != null && (operation.endsWith(".PutItem") || operation.endsWith(".BatchWriteItem"));
      Fault now = write ? fault : Fault.NONE;
      if (now == Fault.THROTTLE || now == Fault.SERVER_ERROR || now == Fault.UNAVAILABLE || now == Fault.ACCESS_DENIED) {
        answerError(exchange, now);
        return;
      }
      HttpResponse<byte[]> response = forward(exchange, body);
      if (now == Fault.LOST_ANSWER) {
        answerError(exchange, now);
        return;
      }
      if (write) {
        answered.get(Fault.NONE).incrementAndGet();
      }
      response.headers().map().forEach((name, values) -> {
        if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
          exchange.getResponseHeaders().put(name, values);
        }
      });
      send(exchange, response.statusCode(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(v -> request.header(name, v));
      }
    });
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private void answerError(HttpExchange exchange, Fault f) throws IOException {
    answered.get(f).incrementAndGet();
    String json = "{\"__type\":\"" + PROTOCOL_PREFIX + f.type + "\",\"message\":\"" + f.message + "\"}";
    exchange.getResponseHeaders().put("Content-Type", List.of("application/x-amz-json-1.0"));
    exchange.getResponseHeaders().put("x-amzn-ErrorType", List.of(f.type));
    exchange.getResponseHeaders().put("x-amzn-RequestId", List.of("FAULT" + answered.get(f).get()));
    send(exchange, f.status, json.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
