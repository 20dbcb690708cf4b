package io.byproduct.deploy.containers;

import io.byproduct.localinfra.MissingTool;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a test class only where it can: the image tarballs were built, and Testcontainers finds a
 * Docker engine. Otherwise the class is reported skipped with the reason (JUnit's disabled result,
 * which the failsafe report and the console count as skipped), within a second or two.
 */
final class DockerEngineCondition implements ExecutionCondition {

  private static ConditionEvaluationResult result;

  @Override
  public synchronized ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (result == null) {
      result = evaluate();
      System.out.println(context.getDisplayName() + ": " + result.getReason().orElse(""));
    }
    return result;
  }

  private static ConditionEvaluationResult evaluate() {
    if (Boolean.getBoolean("byproduct.images.skipped")) {
      return ConditionEvaluationResult.disabled("Skipped: the image tarballs were not built (image.skip, -Pquick or skipTests is set)");
    }
    try {
      if (DockerClientFactory.instance().isDockerAvailable()) {
        return ConditionEvaluationResult.enabled("a Docker engine is reachable");
      }
      return ConditionEvaluationResult.disabled(MissingTool.reason("docker", "Skipped: no Docker engine reachable"
          + " (Testcontainers found no valid Docker environment); the same scenario runs on the in-process broker"
          + " and dynalite in bench's CapturePipelineIT"));
    } catch (RuntimeException | LinkageError e) {
      return ConditionEvaluationResult.disabled(MissingTool.reason("docker", "Skipped: no Docker engine usable (" + e + ")"));
    }
  }
}
