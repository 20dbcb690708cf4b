package io.byproduct.hittool.manifest;

import java.util.List;

/** The input cannot be used; {@link #problems()} lists every error (and any warnings) found. */
public class InvalidManifestException extends RuntimeException {

  private final transient List<Problem> problems;

  public InvalidManifestException(String summary, List<Problem> problems) {
    super(summary + describe(problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  public List<Problem> errors() {
    return problems.stream().filter(Problem::isError).toList();
  }

  private static String describe(List<Problem> problems) {
    StringBuilder text = new StringBuilder();
    problems.stream().filter(Problem::isError).limit(20).forEach(p -> text.append("\n  ").append(p));
    long more = problems.stream().filter(Problem::isError).count() - 20;
    if (more > 0) {
      text.append("\n  ... and ").append(more).append(" more");
    }
    return text.toString();
  }
}
