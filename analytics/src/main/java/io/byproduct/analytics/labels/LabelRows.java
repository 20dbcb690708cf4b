package io.byproduct.analytics.labels;

import io.byproduct.analytics.export.table.Column;
import io.byproduct.analytics.export.table.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The two outputs of {@code analytics labels} as flat tables, in the exports' naming scheme
 * (snake_case, ids as strings), written as CSV and Parquet by the exports' writers.
 */
public final class LabelRows {

  /** One row per (image, class). */
  public static final Table IMAGE = new Table("image_labels",
      "Whether an image shows the class of the pages it was shown on: three aggregates of the workers' selections.",
      List.of(
          Column.string("image_id", "The image id (imageID)."),
          Column.string("class_id", "The class of the pages it was shown on."),
          Column.string("control", "positive or negative if the HIT used it as a control (a known answer); null for a"
              + " candidate."),
          Column.integer("judgements", "Submitted pages that showed it (distinct pages)."),
          Column.integer("selections", "Of those, how many ended with it selected."),
          Column.decimal("selection_frequency", "selections / judgements."),
          Column.bool("majority_vote", "More than half selected it (a tie is false)."),
          Column.decimal("posterior", "Dawid–Skene: P(shows the class | every judgement)."),
          Column.bool("label", "posterior >= 0.5.")));

  /** One row per worker (pseudonym). */
  public static final Table WORKER = new Table("worker_quality",
      "A worker's confusion matrix as Dawid–Skene estimated it.",
      List.of(
          Column.string("worker_id", "Pseudonymised worker id, as stored."),
          Column.integer("judgements", "Images judged."),
          Column.integer("selections", "Of those, selected."),
          Column.decimal("sensitivity", "P(selects | the image shows the class)."),
          Column.decimal("specificity", "P(does not select | it does not).")));

  private LabelRows() {}

  public static List<Object[]> images(Judgements data, DawidSkene.Fit fit) {
    int n = data.items().size();
    int[] judged = new int[n];
    int[] selected = new int[n];
    for (Judgements.Judgement j : data.all()) {
      judged[j.item()]++;
      selected[j.item()] += j.positive() ? 1 : 0;
    }
    List<Object[]> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double frequency = judged[i] == 0 ? 0 : selected[i] / (double) judged[i];
      rows.add(new Object[] {data.items().get(i).imageId(), data.items().get(i).classId(),
          data.controlOf(data.items().get(i)), judged[i], selected[i], frequency, frequency > 0.5,
          fit.posterior()[i], fit.posterior()[i] >= 0.5});
    }
    return rows;
  }

  public static List<Object[]> workers(Judgements data, DawidSkene.Fit fit) {
    int n = data.workers().size();
    int[] judged = new int[n];
    int[] selected = new int[n];
    for (Judgements.Judgement j : data.all()) {
      judged[j.worker()]++;
      selected[j.worker()] += j.positive() ? 1 : 0;
    }
    List<Object[]> rows = new ArrayList<>(n);
    for (int w = 0; w < n; w++) {
      rows.add(new Object[] {data.workers().get(w), judged[w], selected[w], fit.sensitivity()[w],
          fit.specificity()[w]});
    }
    return rows;
  }
}
