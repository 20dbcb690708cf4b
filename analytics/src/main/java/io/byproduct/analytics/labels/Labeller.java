package io.byproduct.analytics.labels;

import io.byproduct.analytics.AnalyticsException;
import io.byproduct.analytics.export.ExportSettings;
import io.byproduct.analytics.export.Exporter;
import io.byproduct.analytics.export.Filters;
import io.byproduct.analytics.export.Format;
import io.byproduct.analytics.export.What;
import io.byproduct.analytics.export.table.RowFiles;
import io.byproduct.analytics.export.table.RowSink;
import io.byproduct.analytics.export.table.Table;
import io.byproduct.analytics.kafka.KafkaOptions;
import io.byproduct.analytics.kafka.RangeSpec;
import io.byproduct.schemas.record.PageRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * {@code analytics labels}: reads the stored pages of the range (with the export's reader), turns
 * them into judgements, fits Dawid–Skene and writes image labels and worker quality as CSV and Parquet.
 */
public final class Labeller {

  /** The output files in {@code dir}. */
  public static final List<String> FILES =
      List.of("image-labels.csv", "image-labels.parquet", "worker-quality.csv", "worker-quality.parquet");

  /** What a run did. */
  public record Result(PageJudgements.Counts counts, int items, int workers, long judgements, DawidSkene.Fit fit) {}

  private final KafkaOptions kafka;
  private final PrintWriter progress;

  public Labeller(KafkaOptions kafka, PrintWriter progress) {
    this.kafka = kafka;
    this.progress = progress;
  }

  public Result run(Filters filters, RangeSpec range, PageClasses classes, DawidSkene em, Path dir, boolean overwrite)
      throws Exception {
    Files.createDirectories(dir);
    for (String name : FILES) {
      if (Files.exists(dir.resolve(name)) && !overwrite) {
        throw AnalyticsException.refused(dir.resolve(name) + " exists; choose another --out-dir or add --overwrite");
      }
    }
    PageJudgements pages = new PageJudgements();
    Path work = Files.createTempDirectory(dir, ".labels-");
    try {
      Path avro = work.resolve("pages.avro");
      new Exporter(kafka, ExportSettings.of(What.PAGES, Format.AVRO, avro).withNested(true).withFilters(filters)
          .withRange(range),
          progress).run();
      try (DataFileReader<PageRecord> reader = new DataFileReader<>(avro.toFile(),
          new SpecificDatumReader<>(PageRecord.class))) {
        reader.forEach(pages::add);
      }
      PageJudgements.Result result = pages.judgements(classes);
      PageJudgements.Counts counts = result.counts();
      Judgements data = result.judgements();
      progress.printf("labels: %,d distinct pages (%,d repeated records ignored); left out: %,d abandoned, %,d without"
              + " a worker, %,d whose HIT page has no class; %,d judgements of %,d (image, class) items by %,d workers%n",
          counts.pages(), counts.duplicates(), counts.abandoned(), counts.withoutWorker(), counts.withoutClass(),
          data.size(), data.items().size(), data.workers().size());
      progress.flush();
      if (data.size() == 0) {
        throw AnalyticsException.refused("no judgements in the range: nothing to label");
      }
      DawidSkene.Fit fit = em.fit(data);
      progress.printf("labels: EM %s after %d iterations; class prior %.4f%n",
          fit.converged() ? "converged" : "stopped at the iteration cap without converging", fit.iterations(),
          fit.prior());
      write(LabelRows.IMAGE, LabelRows.images(data, fit), dir, "image-labels", work);
      write(LabelRows.WORKER, LabelRows.workers(data, fit), dir, "worker-quality", work);
      progress.printf("labels: wrote %s%n", String.join(", ", FILES.stream().map(f -> dir.resolve(f).toString()).toList()));
      progress.flush();
      return new Result(counts, data.items().size(), data.workers().size(), data.size(), fit);
    } finally {
      try (var files = Files.list(work)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(work);
    }
  }

  /** Each file is written in the work directory and moved into place in one step: complete or absent. */
  private static void write(Table table, List<Object[]> rows, Path dir, String name, Path work)
      throws IOException {
    for (RowFiles.Kind kind : List.of(RowFiles.Kind.CSV, RowFiles.Kind.PARQUET)) {
      String file = name + (kind == RowFiles.Kind.CSV ? ".csv" : ".parquet");
      Path written = work.resolve(file);
      try (RowSink sink = RowFiles.open(kind, table, written)) {
        for (Object[] row : rows) {
          sink.write(row);
        }
      }
      Files.move(written, dir.resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
