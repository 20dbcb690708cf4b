package io.byproduct.gateway.errors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webflux.autoconfigure.error.DefaultErrorWebExceptionHandler;
import org.springframework.boot.webflux.error.ErrorAttributes;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Spring Boot's error handler, except for what it logs: Boot logs a 500 as {@code 500 Server Error
 * for HTTP GET "/path?query"}, and the seed API's query strings hold raw worker ids ({@code
 * ?workerID=}). This one logs the method, the path (cut at 200 characters) and the query's length.
 */
final class QueryFreeErrorHandler extends DefaultErrorWebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(QueryFreeErrorHandler.class);
  private static final int MAX_PATH = 200;

  QueryFreeErrorHandler(ErrorAttributes errorAttributes, WebProperties.Resources resources, ErrorProperties errorProperties,
      ApplicationContext applicationContext) {
    super(errorAttributes, resources, errorProperties, applicationContext);
  }

  @Override
  protected void logError(ServerRequest request, ServerResponse response, Throwable throwable) {
    if (response.statusCode().value() == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
      log.error("{}500 Server Error for {}", request.exchange().getLogPrefix(), describe(request), withoutCheckpoints(throwable));
    }
  }

  /**
   * The same failure without Reactor's checkpoint traces: WebFlux's checkpoint names the request with
   * its query ({@code *__checkpoint ⇢ HTTP GET "/path?workerID=…"}). Class, message and stack of
   * every cause are kept.
   */
  static Throwable withoutCheckpoints(Throwable throwable) {
    if (throwable == null) {
      return null;
    }
    Logged copy = new Logged(throwable.toString(), withoutCheckpoints(throwable.getCause() == throwable ? null : throwable.getCause()));
    copy.setStackTrace(throwable.getStackTrace());
    for (Throwable suppressed : throwable.getSuppressed()) {
      if (!suppressed.getClass().getName().startsWith("reactor.core.publisher.FluxOnAssembly")) {
        copy.addSuppressed(withoutCheckpoints(suppressed));
      }
    }
    return copy;
  }

  /** A logged copy of a failure; its message is the original's class and message. */
  static final class Logged extends RuntimeException {
    Logged(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public String toString() {
      return getMessage();
    }
  }

  /** Method, path (shortened) and the query's length, never its text. */
  static String describe(ServerRequest request) {
    String path = request.path();
    String shown = path.length() <= MAX_PATH ? path : path.substring(0, MAX_PATH) + "… (" + path.length() + " chars)";
    String rawQuery = request.uri().getRawQuery();
    String query = rawQuery == null || rawQuery.isEmpty() ? "" : " (query of " + rawQuery.length() + " chars not logged)";
    return "HTTP " + request.method() + " \"" + shown + "\"" + query;
  }
}
