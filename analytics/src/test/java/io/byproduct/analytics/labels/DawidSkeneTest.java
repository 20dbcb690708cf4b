package io.byproduct.analytics.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Known answers: one EM step by hand, and synthetic workers of known accuracies recovered. */
class DawidSkeneTest {

  /** Recovery tolerance for every worker's sensitivity and specificity (stated in the README). */
  static final double TOLERANCE = 0.07;

  @Test
  void oneStep_fromSelectionFrequency_matchesTheHandComputation() {
    // items A, B, C; worker 1 selects A and B, worker 2 selects A only
    Judgements data = new Judgements()
        .add(new ItemKey("A", "c"), "w1", true).add(new ItemKey("A", "c"), "w2", true)
        .add(new ItemKey("B", "c"), "w1", true).add(new ItemKey("B", "c"), "w2", false)
        .add(new ItemKey("C", "c"), "w1", false).add(new ItemKey("C", "c"), "w2", false);
    double[] start = MajorityVote.selectionFrequency(data);
    assertThat(start).containsExactly(1.0, 0.5, 0.0);

    DawidSkene.Fit fit = new DawidSkene(1e-6, 1, null).steps(data, start, 1);

    // M-step: prior = (1 + 0.5 + 0) / 3; positive mass per worker 1.5, negative mass 1.5
    assertThat(fit.prior()).isCloseTo(0.5, within(1e-12));
    // w1: sens = (1 + 0.5 + 1) / (1.5 + 2), spec = (1·1 + 1) / (1.5 + 2)
    assertThat(fit.sensitivity()[0]).isCloseTo(2.5 / 3.5, within(1e-12));
    assertThat(fit.specificity()[0]).isCloseTo(2.0 / 3.5, within(1e-12));
    // w2: sens = (1 + 1) / 3.5, spec = (0.5 + 1 + 1) / 3.5
    assertThat(fit.sensitivity()[1]).isCloseTo(2.0 / 3.5, within(1e-12));
    assertThat(fit.specificity()[1]).isCloseTo(2.5 / 3.5, within(1e-12));
    // E-step: A odds = (2.5·2)/(1.5·1) = 10/3 → 10/13; B odds = (2.5·1.5)/(1.5·2.5) = 1; C odds = (1·1.5)/(2·2.5) → 3/13
    assertThat(fit.posterior()[0]).isCloseTo(10.0 / 13, within(1e-12));
    assertThat(fit.posterior()[1]).isCloseTo(0.5, within(1e-12));
    assertThat(fit.posterior()[2]).isCloseTo(3.0 / 13, within(1e-12));
    assertThat(fit.iterations()).isEqualTo(1);
    assertThat(fit.converged()).isFalse();
  }

  record Worker(String id, double sensitivity, double specificity) {}

  @Test
  void synthetic_workersOfKnownAccuracy_areRecovered_andPosteriorsBeatMajorityVote() {
    Random random = new Random(20261203);
    List<Worker> workers = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      workers.add(new Worker("good-" + i, 0.70 + 0.02 * i, 0.95 - 0.02 * i));
    }
    for (int i = 0; i < 5; i++) {
      workers.add(new Worker("spammer-" + i, 0.5, 0.5));
    }
    workers.add(new Worker("adversary-0", 0.3, 0.3));
    workers.add(new Worker("adversary-1", 0.2, 0.35));
    workers.add(new Worker("always-yes", 0.98, 0.02));
    int items = 3000;
    double prior = 0.3;
    boolean[] truth = new boolean[items];
    Judgements data = new Judgements();
    for (int i = 0; i < items; i++) {
      truth[i] = random.nextDouble() < prior;
      ItemKey item = new ItemKey("img-" + i, "n01440764");
      List<Worker> pool = new ArrayList<>(workers);
      java.util.Collections.shuffle(pool, random);
      for (Worker w : pool.subList(0, 7)) {
        boolean says = truth[i] ? random.nextDouble() < w.sensitivity() : random.nextDouble() >= w.specificity();
        data.add(item, w.id(), says);
      }
    }

    DawidSkene.Fit fit = new DawidSkene(DawidSkene.DEFAULT_TOLERANCE, DawidSkene.DEFAULT_MAX_ITERATIONS, null).fit(data);

    assertThat(fit.converged()).isTrue();
    assertThat(fit.prior()).isCloseTo(prior, within(0.03));
    for (Worker w : workers) {
      int index = data.workers().indexOf(w.id());
      assertThat(fit.sensitivity()[index]).as("sensitivity of %s", w.id()).isCloseTo(w.sensitivity(), within(TOLERANCE));
      assertThat(fit.specificity()[index]).as("specificity of %s", w.id()).isCloseTo(w.specificity(), within(TOLERANCE));
    }
    boolean[] majority = MajorityVote.majority(MajorityVote.selectionFrequency(data));
    int emRight = 0;
    int majorityRight = 0;
    for (int i = 0; i < items; i++) {
      emRight += (fit.posterior()[i] >= 0.5) == truth[i] ? 1 : 0;
      majorityRight += majority[i] == truth[i] ? 1 : 0;
    }
    double emAccuracy = emRight / (double) items;
    double majorityAccuracy = majorityRight / (double) items;
    assertThat(emAccuracy).as("EM %.3f vs majority %.3f", emAccuracy, majorityAccuracy)
        .isGreaterThan(majorityAccuracy + 0.03);
  }

  @Test
  void fit_stopsAtTheIterationCap() {
    Judgements data = new Judgements()
        .add(new ItemKey("A", "c"), "w1", true).add(new ItemKey("A", "c"), "w2", true)
        .add(new ItemKey("B", "c"), "w1", true).add(new ItemKey("B", "c"), "w2", false)
        .add(new ItemKey("C", "c"), "w1", false).add(new ItemKey("C", "c"), "w2", false);
    java.io.StringWriter printed = new java.io.StringWriter();
    DawidSkene.Fit fit = new DawidSkene(1e-15, 3, new java.io.PrintWriter(printed)).fit(data);
    assertThat(fit.iterations()).isEqualTo(3);
    assertThat(fit.converged()).isFalse();
    assertThat(printed.toString()).contains("EM iteration 1:", "EM iteration 3:").doesNotContain("EM iteration 4");
  }
}
