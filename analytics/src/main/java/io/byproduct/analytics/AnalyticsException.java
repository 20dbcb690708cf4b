package io.byproduct.analytics;

/** A failure the user can act on: printed as one line, with an exit code from {@link ExitCodes}. */
public final class AnalyticsException extends RuntimeException {

  private final int exitCode;

  public AnalyticsException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public AnalyticsException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public static AnalyticsException refused(String message) {
    return new AnalyticsException(ExitCodes.REFUSED, message);
  }

  public static AnalyticsException unavailable(String message, Throwable cause) {
    return new AnalyticsException(ExitCodes.UNAVAILABLE, message, cause);
  }

  public int exitCode() {
    return exitCode;
  }
}
