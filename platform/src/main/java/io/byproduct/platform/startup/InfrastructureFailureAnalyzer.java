package io.byproduct.platform.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports an {@link InfrastructureException} at start as the property, its value and the fix. */
public class InfrastructureFailureAnalyzer extends AbstractFailureAnalyzer<InfrastructureException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InfrastructureException cause) {
    String description = cause.problem() + "\n\n    Property: " + cause.property()
        + "\n    Value:    " + cause.value();
    return new FailureAnalysis(description, cause.action(), cause);
  }
}
