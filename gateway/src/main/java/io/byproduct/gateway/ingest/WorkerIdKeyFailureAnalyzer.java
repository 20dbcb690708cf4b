package io.byproduct.gateway.ingest;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a missing or short worker-id key at start with the property and the fix, never the value. */
public final class WorkerIdKeyFailureAnalyzer extends AbstractFailureAnalyzer<WorkerIdKeyException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, WorkerIdKeyException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}
