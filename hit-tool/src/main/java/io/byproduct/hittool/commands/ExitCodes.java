package io.byproduct.hittool.commands;

/** The exit codes of {@code hit-tool}; README.md lists them. */
public final class ExitCodes {

  /** Done. */
  public static final int OK = 0;
  /** The manifest, the images CSV or the options cannot give HITs; every problem was printed. */
  public static final int INVALID_INPUT = 1;
  /** Wrong command line (unknown option, missing argument, bad value). */
  public static final int USAGE = 2;
  /** DynamoDB or a file could not be used (unreachable, no credentials, table missing, cannot write the CSV). */
  public static final int UNAVAILABLE = 3;
  /** {@code show}: no such HIT. */
  public static final int NOT_FOUND = 4;
  /** {@code verify-codes}: at least one survey code is not the assignment's. */
  public static final int INVALID_CODES = 5;
  /** A bug: the message and stack trace were printed. */
  public static final int SOFTWARE = 70;

  private ExitCodes() {}
}
