package io.byproduct.analytics;

/** The exit codes of {@code analytics}; the module's README lists them. */
public final class ExitCodes {

  /** Done. */
  public static final int OK = 0;
  /** The request cannot be carried out as given (an output exists, a range is empty where it must not be, ...). */
  public static final int REFUSED = 1;
  /** Wrong command line (unknown option, missing argument, bad value). */
  public static final int USAGE = 2;
  /** Kafka, DynamoDB or a file could not be used. */
  public static final int UNAVAILABLE = 3;
  /** Nothing in the range matched the filters: no output was written (the message lists the datasets seen). */
  public static final int NOTHING_MATCHED = 4;
  /** A bug: the message and stack trace were printed. */
  public static final int SOFTWARE = 70;

  private ExitCodes() {}
}
