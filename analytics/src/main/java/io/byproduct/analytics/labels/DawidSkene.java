package io.byproduct.analytics.labels;

import java.io.PrintWriter;
import java.util.List;

/**
 * Dawid and Skene's (1979) maximum-likelihood estimate, by expectation–maximisation, of the true
 * binary label of every item and of each worker's 2×2 confusion matrix, given as
 * <b>sensitivity</b> P(selected | shows the class) and <b>specificity</b> P(not selected | does
 * not), with one class prior P(shows the class).
 *
 * <ul>
 *   <li><b>Start</b>: each item's posterior is its selection frequency (the soft majority vote).
 *   <li><b>M-step</b>: prior = mean posterior; sensitivity = (Σ posterior·selected + 1) /
 *       (Σ posterior + 2), specificity = (Σ (1−posterior)·(1−selected) + 1) / (Σ (1−posterior) + 2)
 *       over the worker's judgements (one pseudo-count each way keeps a worker with few
 *       judgements away from 0 and 1).
 *   <li><b>E-step</b>: log-odds of an item = log(prior/(1−prior)) + Σ over its judgements of
 *       log(sens/(1−spec)) if selected, log((1−sens)/spec) if not; posterior = logistic(log-odds).
 *   <li><b>Stop</b> when no parameter (prior, any sensitivity or specificity) moved by more than
 *       {@code tolerance} in an iteration, or after {@code maxIterations}.
 * </ul>
 *
 * Starting from the majority vote fixes which way round the labels are: a worker below 0.5 comes
 * out as an adversary (their selections count against the class) as long as most judgements come
 * from workers better than chance.
 */
public final class DawidSkene {

  /** Default stop: no parameter moved by more than this in one iteration. */
  public static final double DEFAULT_TOLERANCE = 1e-6;
  /** Default cap on EM iterations. */
  public static final int DEFAULT_MAX_ITERATIONS = 200;

  private static final double LIMIT = 1e-9;

  /** The estimate. Arrays are indexed like {@link Judgements#items()} and {@link Judgements#workers()}. */
  public record Fit(double prior, double[] sensitivity, double[] specificity, double[] posterior, int iterations,
      boolean converged, double logLikelihood) {}

  private final double tolerance;
  private final int maxIterations;
  private final PrintWriter progress;

  public DawidSkene(double tolerance, int maxIterations, PrintWriter progress) {
    if (!(tolerance > 0) || maxIterations < 1) {
      throw new IllegalArgumentException("tolerance must be > 0 and maxIterations >= 1");
    }
    this.tolerance = tolerance;
    this.maxIterations = maxIterations;
    this.progress = progress;
  }

  public Fit fit(Judgements data) {
    return run(data, MajorityVote.selectionFrequency(data), maxIterations);
  }

  /** Exactly {@code iterations} M- and E-steps from the given start (tests check one step by hand). */
  Fit steps(Judgements data, double[] start, int iterations) {
    return run(data, start.clone(), iterations);
  }

  private Fit run(Judgements data, double[] posterior, int cap) {
    int workers = data.workers().size();
    double[] sens = new double[workers];
    double[] spec = new double[workers];
    double prior = Double.NaN;
    boolean converged = false;
    int iteration = 0;
    double logLikelihood = Double.NaN;
    while (iteration < cap && !converged) {
      iteration++;
      double[] newSens = new double[workers];
      double[] newSpec = new double[workers];
      double newPrior = mStep(data.all(), posterior, newSens, newSpec);
      double change = iteration == 1 ? Double.POSITIVE_INFINITY
          : Math.max(Math.abs(newPrior - prior), Math.max(maxChange(newSens, sens), maxChange(newSpec, spec)));
      prior = newPrior;
      sens = newSens;
      spec = newSpec;
      logLikelihood = eStep(data, prior, sens, spec, posterior);
      converged = change <= tolerance;
      if (progress != null) {
        progress.printf("labels: EM iteration %d: log-likelihood %.6f, largest parameter change %s%n", iteration,
            logLikelihood, iteration == 1 ? "-" : String.format("%.2e", change));
        progress.flush();
      }
    }
    return new Fit(prior, sens, spec, posterior, iteration, converged, logLikelihood);
  }

  /** Fills sensitivity and specificity from the posteriors; returns the prior. */
  static double mStep(List<Judgements.Judgement> judgements, double[] posterior, double[] sens, double[] spec) {
    int workers = sens.length;
    double[] positiveMass = new double[workers];
    double[] selectedWhenPositive = new double[workers];
    double[] negativeMass = new double[workers];
    double[] unselectedWhenNegative = new double[workers];
    for (Judgements.Judgement j : judgements) {
      double p = posterior[j.item()];
      positiveMass[j.worker()] += p;
      negativeMass[j.worker()] += 1 - p;
      if (j.positive()) {
        selectedWhenPositive[j.worker()] += p;
      } else {
        unselectedWhenNegative[j.worker()] += 1 - p;
      }
    }
    for (int w = 0; w < workers; w++) {
      sens[w] = (selectedWhenPositive[w] + 1) / (positiveMass[w] + 2);
      spec[w] = (unselectedWhenNegative[w] + 1) / (negativeMass[w] + 2);
    }
    double sum = 0;
    for (double p : posterior) {
      sum += p;
    }
    return posterior.length == 0 ? 0.5 : sum / posterior.length;
  }

  /** Replaces the posteriors; returns the log-likelihood of the judgements under the parameters. */
  static double eStep(Judgements data, double prior, double[] sens, double[] spec, double[] posterior) {
    int items = posterior.length;
    double p = clamp(prior);
    double[] logPositive = new double[items];
    double[] logNegative = new double[items];
    java.util.Arrays.fill(logPositive, Math.log(p));
    java.util.Arrays.fill(logNegative, Math.log(1 - p));
    for (Judgements.Judgement j : data.all()) {
      double se = clamp(sens[j.worker()]);
      double sp = clamp(spec[j.worker()]);
      logPositive[j.item()] += Math.log(j.positive() ? se : 1 - se);
      logNegative[j.item()] += Math.log(j.positive() ? 1 - sp : sp);
    }
    double logLikelihood = 0;
    for (int i = 0; i < items; i++) {
      double max = Math.max(logPositive[i], logNegative[i]);
      double evidence = max + Math.log(Math.exp(logPositive[i] - max) + Math.exp(logNegative[i] - max));
      posterior[i] = Math.exp(logPositive[i] - evidence);
      logLikelihood += evidence;
    }
    return logLikelihood;
  }

  private static double clamp(double probability) {
    return Math.min(1 - LIMIT, Math.max(LIMIT, probability));
  }

  private static double maxChange(double[] a, double[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
