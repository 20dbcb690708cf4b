package io.byproduct.hittool.commands;

/** A failure with a message for the user and the exit code it ends with. */
final class ToolException extends RuntimeException {

  private final int exitCode;

  ToolException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
