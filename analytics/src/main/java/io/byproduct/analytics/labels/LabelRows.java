package io.byproduct.analytics.labels;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** The two outputs of {@code analytics labels}, as flat Avro rows (written as Parquet and CSV). */
public final class LabelRows {

  /** One row per (image, class). */
  public static final Schema IMAGE = SchemaBuilder.record("ImageLabel").namespace("io.byproduct.analytics.labels")
      .doc("Whether an image shows the class of the pages it was shown on: three aggregates of the workers' selections.")
      .fields()
      .name("imageId").doc("The image id (imageID).").type().stringType().noDefault()
      .name("classId").doc("The class of the pages it was shown on.").type().stringType().noDefault()
      .name("control").doc("positive or negative if the HIT used it as a control (a known answer); null for a"
          + " candidate.").type().unionOf().nullType().and().stringType().endUnion().nullDefault()
      .name("judgements").doc("Submitted pages that showed it (distinct pages).").type().intType().noDefault()
      .name("selections").doc("Of those, how many ended with it selected.").type().intType().noDefault()
      .name("selectionFrequency").doc("selections / judgements.").type().doubleType().noDefault()
      .name("majorityVote").doc("More than half selected it (a tie is false).").type().booleanType().noDefault()
      .name("posterior").doc("Dawid–Skene: P(shows the class | every judgement).").type().doubleType().noDefault()
      .name("label").doc("posterior >= 0.5.").type().booleanType().noDefault()
      .endRecord();

  /** One row per worker (pseudonym). */
  public static final Schema WORKER = SchemaBuilder.record("WorkerQuality").namespace("io.byproduct.analytics.labels")
      .doc("A worker's confusion matrix as Dawid–Skene estimated it.")
      .fields()
      .name("workerId").doc("Pseudonymised worker id, as stored.").type().stringType().noDefault()
      .name("judgements").doc("Images judged.").type().intType().noDefault()
      .name("selections").doc("Of those, selected.").type().intType().noDefault()
      .name("sensitivity").doc("P(selects | the image shows the class).").type().doubleType().noDefault()
      .name("specificity").doc("P(does not select | it does not).").type().doubleType().noDefault()
      .endRecord();

  private LabelRows() {}

  public static List<GenericRecord> images(Judgements data, DawidSkene.Fit fit) {
    int n = data.items().size();
    int[] judged = new int[n];
    int[] selected = new int[n];
    for (Judgements.Judgement j : data.all()) {
      judged[j.item()]++;
      selected[j.item()] += j.positive() ? 1 : 0;
    }
    List<GenericRecord> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double frequency = judged[i] == 0 ? 0 : selected[i] / (double) judged[i];
      GenericData.Record row = new GenericData.Record(IMAGE);
      row.put("imageId", data.items().get(i).imageId());
      row.put("classId", data.items().get(i).classId());
      row.put("control", data.controlOf(data.items().get(i)));
      row.put("judgements", judged[i]);
      row.put("selections", selected[i]);
      row.put("selectionFrequency", frequency);
      row.put("majorityVote", frequency > 0.5);
      row.put("posterior", fit.posterior()[i]);
      row.put("label", fit.posterior()[i] >= 0.5);
      rows.add(row);
    }
    return rows;
  }

  public static List<GenericRecord> workers(Judgements data, DawidSkene.Fit fit) {
    int n = data.workers().size();
    int[] judged = new int[n];
    int[] selected = new int[n];
    for (Judgements.Judgement j : data.all()) {
      judged[j.worker()]++;
      selected[j.worker()] += j.positive() ? 1 : 0;
    }
    List<GenericRecord> rows = new ArrayList<>(n);
    for (int w = 0; w < n; w++) {
      GenericData.Record row = new GenericData.Record(WORKER);
      row.put("workerId", data.workers().get(w));
      row.put("judgements", judged[w]);
      row.put("selections", selected[w]);
      row.put("sensitivity", fit.sensitivity()[w]);
      row.put("specificity", fit.specificity()[w]);
      rows.add(row);
    }
    return rows;
  }
}
