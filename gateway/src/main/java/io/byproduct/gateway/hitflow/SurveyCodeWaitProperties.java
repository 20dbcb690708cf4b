package io.byproduct.gateway.hitflow;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the survey-code request is held open while the HIT's pages are still being stored, so
 * that the code is answered when the last page is stored rather than at the browser's next retry.
 *
 * @param maxWait longest a request is held before it is answered 409 (the page asks again)
 * @param checkEvery how often a held request looks at the stored pages again (once the annotation
 *     is found, each look is one consistent query of the page table)
 * @param maxWaiting most requests held at once in this gateway; past it a request that is not
 *     finished is answered 409 at once (a flood of requests cannot hold connections or threads,
 *     and costs DynamoDB at most {@code maxWaiting / checkEvery} looks a second)
 */
@Validated
@ConfigurationProperties("byproduct.gateway.survey-code-wait")
public record SurveyCodeWaitProperties(
    @NotNull @DefaultValue("5s") Duration maxWait,
    @NotNull @DefaultValue("250ms") Duration checkEvery,
    @Min(0) @Max(100_000) @DefaultValue("128") int maxWaiting) {

  public SurveyCodeWaitProperties {
    if (maxWait != null && (maxWait.isNegative() || maxWait.compareTo(Duration.ofSeconds(30)) > 0)) {
      throw new IllegalArgumentException("byproduct.gateway.survey-code-wait.max-wait: 0..30s, not " + maxWait);
    }
    if (checkEvery != null && checkEvery.compareTo(Duration.ofMillis(10)) < 0) {
      throw new IllegalArgumentException("byproduct.gateway.survey-code-wait.check-every: at least 10ms, not " + checkEvery);
    }
  }

  /** The defaults, for code that builds the wait without Spring. */
  public static SurveyCodeWaitProperties defaults() {
    return new SurveyCodeWaitProperties(Duration.ofSeconds(5), Duration.ofMillis(250), 128);
  }
}
