package io.byproduct.hittool.manifest;

/**
 * Something wrong (an error) or doubtful (a warning) in the input, and where.
 *
 * @param severity errors stop an import, warnings do not
 * @param where file, line and field, e.g. {@code manifest.json:14: images[3].classID}
 * @param message what is wrong, naming the value
 */
public record Problem(Severity severity, String where, String message) {

  public enum Severity { ERROR, WARNING }

  public static Problem error(String where, String message) {
    return new Problem(Severity.ERROR, where, message);
  }

  public static Problem warning(String where, String message) {
    return new Problem(Severity.WARNING, where, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return (where == null || where.isEmpty() ? "" : where + ": ") + message;
  }
}
