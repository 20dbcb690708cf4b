package io.byproduct.analytics.labels;

/** The two simple aggregates beside Dawid–Skene: selection frequency and majority vote. */
public final class MajorityVote {

  private MajorityVote() {}

  /** Per item: the fraction of its judgements that selected it (ImageNetV2's selection frequency). */
  public static double[] selectionFrequency(Judgements data) {
    int items = data.items().size();
    double[] selected = new double[items];
    double[] seen = new double[items];
    for (Judgements.Judgement j : data.all()) {
      seen[j.item()]++;
      if (j.positive()) {
        selected[j.item()]++;
      }
    }
    double[] frequency = new double[items];
    for (int i = 0; i < items; i++) {
      frequency[i] = seen[i] == 0 ? 0 : selected[i] / seen[i];
    }
    return frequency;
  }

  /** Per item: more than half of its judgements selected it (a tie is not a majority). */
  public static boolean[] majority(double[] selectionFrequency) {
    boolean[] labels = new boolean[selectionFrequency.length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = selectionFrequency[i] > 0.5;
    }
    return labels;
  }
}
