package io.byproduct.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.analytics.Analytics;
import io.byproduct.analytics.ExitCodes;
import io.byproduct.analytics.Fixtures;
import io.byproduct.analytics.export.table.PageTables;
import io.byproduct.analytics.export.table.Table;
import io.byproduct.analytics.kafka.KafkaOptions;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import io.byproduct.schemas.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every export read as an analyst reads it: with DuckDB (its JDBC driver, its own Parquet, CSV and
 * JSON readers) — row counts, column names and types, string enums, and joins across tables — and
 * the Avro files with Avro's generic reader and the schema they embed. One test per item of issue 24.
 */
class AnalystExportsIT {

  private static final String PREFIX = "duck.";
  private static final Topics TOPICS = Topics.withPrefix(PREFIX);
  private static final long T0 = 1_767_225_600_000L;
  private static final String DATASET = "oracle";

  private static LocalKafka kafka;
  private static KafkaOptions options;
  private static final List<PageRecord> PAGES = new ArrayList<>();
  private static final List<InteractionEvent> FIRST_LOAD = new ArrayList<>();
  private static final List<InteractionEvent> UNIQUE_EVENTS = new ArrayList<>();
  private static final List<InteractionEvent> RESENDS = new ArrayList<>();

  @TempDir
  Path dir;

  private static String uuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  @BeforeAll
  static void start() {
    kafka = LocalKafka.start();
    options = new KafkaOptions(kafka.bootstrapServers(), PREFIX);
    Fixtures.createTopics(kafka.bootstrapServers(), PREFIX, 3);
    for (int a = 0; a < 4; a++) {
      for (int pageNo = 1; pageNo <= 2; pageNo++) {
        PAGES.add(Fixtures.page(uuid("a" + a), pageNo, DATASET, "hit-" + a, 12, a * 10L + pageNo));
      }
    }
    PageRecord demo = Fixtures.page(uuid("demo"), 1, "demo", "hit-9", 6, 99);
    String u1 = uuid("reloaded");
    // the first load of page 1, then a reload (a new session) shows page 1 again and submits it
    FIRST_LOAD.addAll(Fixtures.pageEvents(u1, "s1", 1, DATASET, 1, T0, false, false));
    List<InteractionEvent> secondLoad = Fixtures.pageEvents(u1, "s2", 1, DATASET, 1, T0 + 10_000, true, false);
    List<InteractionEvent> other = Fixtures.pageEvents(uuid("other"), "s3", 1, DATASET, 1, T0, true, true);
    UNIQUE_EVENTS.addAll(FIRST_LOAD);
    UNIQUE_EVENTS.addAll(secondLoad);
    UNIQUE_EVENTS.addAll(other);
    RESENDS.addAll(secondLoad.subList(3, 8));
    try (KafkaProducer<String, byte[]> producer = Fixtures.producer(kafka.bootstrapServers())) {
      for (PageRecord page : PAGES) {
        Fixtures.send(producer, TOPICS, page, T0);
      }
      Fixtures.send(producer, TOPICS, demo, T0);
      for (InteractionEvent e : UNIQUE_EVENTS) {
        Fixtures.send(producer, TOPICS, e, T0);
      }
      for (InteractionEvent e : RESENDS) {
        Fixtures.send(producer, TOPICS, e, T0 + 1);
      }
    }
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  private Path export(What what, Format format, boolean dedupe) throws Exception {
    Path out = dir.resolve(what.label() + (dedupe ? "" : "-all") + "." + format.extension());
    ExportSettings settings = ExportSettings.of(what, format, out).withFilters(new Filters(DATASET, null, null))
        .withDedupe(dedupe);
    new Exporter(options, settings, new PrintWriter(new StringWriter())).run();
    return out;
  }

  private Path export(What what, Format format) throws Exception {
    return export(what, format, true);
  }

  private static long imageCount() {
    return PAGES.stream().mapToLong(p -> p.getImages().size()).sum();
  }

  private static long sum(java.util.function.ToLongFunction<ImageRecord> f) {
    return PAGES.stream().flatMap(p -> p.getImages().stream()).mapToLong(f).sum();
  }

  /** Rows per table, counted from the stored records themselves. */
  private static Map<What, Long> expectedRows() {
    Map<What, Long> rows = new LinkedHashMap<>();
    rows.put(What.PAGES, (long) PAGES.size());
    rows.put(What.IMAGES, imageCount());
    rows.put(What.HOVERS, sum(i -> i.getHoveredRecord().stream().filter(h -> h.getAction().name().equals("enter")).count()));
    rows.put(What.POINTS, sum(i -> i.getMouseTracking().size()));
    rows.put(What.CLICKS, sum(i -> i.getSelectedRecord().size()));
    return rows;
  }

  private static String duckType(io.byproduct.analytics.export.table.Column.Type type) {
    return switch (type) {
      case STRING -> "VARCHAR";
      case INT -> "INTEGER";
      case LONG -> "BIGINT";
      case DOUBLE -> "DOUBLE";
      case BOOLEAN -> "BOOLEAN";
    };
  }

  /** Items 2, 3 and 6: one naming scheme in every format, ids as strings, times in ms; one row per point. */
  @Test
  void everyFlatTable_inJsonlCsvAndParquet_readsInDuckDb_withTheSameColumns_andItsRowCount() throws Exception {
    try (DuckDb duck = new DuckDb()) {
      for (Map.Entry<What, Long> expected : expectedRows().entrySet()) {
        Table table = expected.getKey().pageTable().table();
        for (Format format : List.of(Format.PARQUET, Format.CSV, Format.JSONL)) {
          Path file = export(expected.getKey(), format);
          String what = table.name() + " as " + format;
          assertThat(duck.count("SELECT count(*) FROM " + DuckDb.file(file))).as(what).isEqualTo(expected.getValue());
          Map<String, String> columns = duck.columns(file);
          assertThat(columns.keySet()).as(what).containsExactlyElementsOf(table.names());
          assertThat(columns.get("page_no")).as(what).isIn("INTEGER", "BIGINT");
          columns.forEach((name, type) -> {
            if (name.endsWith("_ms") && !type.equals("VARCHAR")) {
              assertThat(type).as(what + " " + name).isEqualTo("BIGINT");
            }
          });
          if (format == Format.PARQUET) {
            for (var column : table.columns()) {
              assertThat(columns.get(column.name())).as(what + " " + column.name()).isEqualTo(duckType(column.type()));
            }
          } else if (format == Format.CSV) {
            assertThat(columns.get("annotation_id")).as(what).isEqualTo("VARCHAR");
          }
        }
      }
      // one row per tracked point, no explode: the points of one image, in order, with their times in ms
      PageRecord page = PAGES.get(0);
      ImageRecord image = page.getImages().stream().filter(i -> i.getMouseTracking().size() > 1).findFirst().orElseThrow();
      List<Map<String, Object>> points = duck.query("SELECT time_ms, x, x_px FROM " + DuckDb.file(dir.resolve("points.parquet"))
          + " WHERE annotation_id = '" + page.getAnnotationId() + "' AND page_no = " + page.getPageNo()
          + " AND image_id = '" + image.getImageID() + "' ORDER BY point_no");
      assertThat(points).extracting(p -> p.get("time_ms"))
          .containsExactlyElementsOf(image.getMouseTracking().stream().map(t -> (Object) t.getTime()).toList());
      assertThat(points.get(0).get("x_px")).isEqualTo(PageTables.pixels(image.getMouseTracking().get(0).getX(),
          image.getImageWidth()));
    }
  }

  /** Item 1: enums arrive as strings and match by value. */
  @Test
  void parquetEnums_areStrings_thatMatchByValue() throws Exception {
    Path pages = export(What.PAGES, Format.PARQUET);
    Path events = export(What.EVENTS, Format.PARQUET);
    Path nestedPages = dir.resolve("nested-pages.parquet");
    new Exporter(options, ExportSettings.of(What.PAGES, Format.PARQUET, nestedPages).withNested(true)
        .withFilters(new Filters(DATASET, null, null)), new PrintWriter(new StringWriter())).run();
    try (DuckDb duck = new DuckDb()) {
      // the nested shape too: status, version and the hover action are strings
      assertThat(duck.count("SELECT count(*) FROM " + DuckDb.file(nestedPages) + " WHERE status = 'SUBMITTED'"))
          .isEqualTo(PAGES.stream().filter(p -> p.getStatus() == PageStatus.SUBMITTED).count());
      assertThat(duck.count("SELECT count(*) FROM (SELECT unnest(images, recursive := true) FROM "
          + DuckDb.file(nestedPages) + ")")).isEqualTo(imageCount());
      assertThat(duck.value("SELECT typeof(images[1].hoveredRecord) FROM " + DuckDb.file(nestedPages) + " LIMIT 1"))
          .isEqualTo("STRUCT(\"action\" VARCHAR, \"time\" BIGINT)[]");
      assertThat(duck.columns(pages)).containsEntry("status", "VARCHAR").containsEntry("version", "VARCHAR");
      assertThat(duck.count("SELECT count(*) FROM " + DuckDb.file(pages) + " WHERE status = 'SUBMITTED'"))
          .isEqualTo(PAGES.stream().filter(p -> p.getStatus() == PageStatus.SUBMITTED).count()).isPositive();
      assertThat(duck.count("SELECT count(*) FROM " + DuckDb.file(events) + " WHERE version = 'POINTER_ORIGINAL'"))
          .isEqualTo(UNIQUE_EVENTS.size());
    }
  }

  /** The DuckDB query of the README's "Analysing a study", on the given files. */
  private static String readmeQuery(Path images, Path hovers) throws Exception {
    String readme = java.nio.file.Files.readString(Path.of("README.md"));
    int question = readme.indexOf("How long did workers hover over the images they selected?");
    int start = readme.indexOf("```sql", question) + "```sql".length();
    String sql = readme.substring(start, readme.indexOf("```", start)).trim();
    assertThat(sql).contains("'oracle-images.parquet'").contains("'oracle-hovers.parquet'");
    return sql.replace("'oracle-images.parquet'", DuckDb.file(images)).replace("'oracle-hovers.parquet'", DuckDb.file(hovers))
        .replaceAll(";\\s*$", "");
  }

  /** Items 2 and 3 and the README's question: how long did workers hover over the images they selected? */
  @Test
  void theReadmesHoverTimeOfSelectedImages_joinsHoversAndImages_inAnyFormatMix() throws Exception {
    Path hovers = export(What.HOVERS, Format.PARQUET);
    Path imagesParquet = export(What.IMAGES, Format.PARQUET);
    Path imagesJsonl = export(What.IMAGES, Format.JSONL);
    Path imagesCsv = export(What.IMAGES, Format.CSV);
    // in the fixture every hover lasts 17 ms per tracked point
    Map<String, Long> expected = new java.util.TreeMap<>();
    Map<String, Long> selectedImages = new java.util.TreeMap<>();
    for (PageRecord page : PAGES) {
      for (ImageRecord image : page.getImages()) {
        if (image.getSelected()) {
          expected.merge(image.getWorkerId(), image.getMouseTracking().size() * 17L, Long::sum);
          selectedImages.merge(image.getWorkerId(), 1L, Long::sum);
        }
      }
    }
    try (DuckDb duck = new DuckDb()) {
      for (Path images : List.of(imagesParquet, imagesJsonl, imagesCsv)) {
        List<Map<String, Object>> rows = duck.query(readmeQuery(images, hovers));
        assertThat(rows).as(images.toString()).extracting(r -> r.get("worker_id"))
            .containsExactlyElementsOf(expected.keySet());
        for (Map<String, Object> row : rows) {
          String worker = (String) row.get("worker_id");
          assertThat(((Number) row.get("selected_images")).longValue()).isEqualTo(selectedImages.get(worker));
          assertThat(((Number) row.get("hover_ms")).longValue()).as(images + " " + worker).isEqualTo(expected.get(worker));
        }
      }
    }
  }

  /** Items 4 and 5: a type column, named payload columns; resends dropped by default, replaced page loads flagged. */
  @Test
  void events_haveATypeAndNamedColumns_resendsDropped_replacedPageLoadsFlagged() throws Exception {
    Path deduped = export(What.EVENTS, Format.PARQUET);
    Path all = export(What.EVENTS, Format.PARQUET, false);
    Path csv = export(What.EVENTS, Format.CSV);
    Path jsonl = export(What.EVENTS, Format.JSONL);
    try (DuckDb duck = new DuckDb()) {
      for (Path file : List.of(deduped, csv, jsonl)) {
        assertThat(duck.count("SELECT count(*) FROM " + DuckDb.file(file))).as(file.toString())
            .isEqualTo(UNIQUE_EVENTS.size());
        assertThat(duck.count("SELECT count(*) FROM " + DuckDb.file(file) + " WHERE page_replaced"))
            .as(file.toString()).isEqualTo(FIRST_LOAD.size());
      }
      assertThat(duck.count("SELECT count(DISTINCT (session_id, seq)) FROM " + DuckDb.file(deduped)))
          .isEqualTo(UNIQUE_EVENTS.size());
      assertThat(duck.count("SELECT count(*) FROM " + DuckDb.file(deduped) + " WHERE type = 'PointerSample'"
          + " AND x IS NOT NULL AND y IS NOT NULL AND image_id IS NOT NULL"))
          .isEqualTo(UNIQUE_EVENTS.stream().filter(e -> e.getPayload() instanceof PointerSample).count());
      assertThat(duck.columns(deduped)).containsEntry("type", "VARCHAR").containsEntry("client_time_ms", "BIGINT")
          .containsEntry("layout_width", "DOUBLE").doesNotContainKey("member0");
      assertThat(duck.count("SELECT count(*) FROM " + DuckDb.file(all))).isEqualTo(UNIQUE_EVENTS.size() + RESENDS.size());
      assertThat(duck.count("SELECT count(*) FROM " + DuckDb.file(all) + " WHERE resent")).isEqualTo(RESENDS.size());
    }
  }

  /** Item 7: one trial per hover, pixels beside fractions, image size as trial columns, clicks as marked points. */
  @Test
  void mousetrap_isOneTrialPerHover_inPixels_withClicksMarked() throws Exception {
    Path records = export(What.POINTS, Format.MOUSETRAP_CSV);
    Path raw = export(What.EVENTS, Format.MOUSETRAP_CSV);
    long trials = sum(i -> i.getMouseTracking().isEmpty() ? (i.getSelectedRecord().isEmpty() ? 0 : 1) : 1);
    try (DuckDb duck = new DuckDb()) {
      String f = DuckDb.file(records);
      assertThat(duck.count("SELECT count(*) FROM " + f)).isEqualTo(sum(i -> i.getMouseTracking().size())
          + sum(i -> i.getSelectedRecord().size()));
      assertThat(duck.count("SELECT count(DISTINCT mt_id) FROM " + f)).isEqualTo(trials);
      assertThat(duck.count("SELECT count(*) FROM " + f + " WHERE is_click AND timestamps IS NOT NULL"))
          .isEqualTo(sum(i -> i.getSelectedRecord().size()));
      assertThat(duck.count("SELECT count(*) FROM " + f + " WHERE abs(xpos - x_frac * image_width) > 0.006"
          + " OR abs(ypos - y_frac * image_height) > 0.006")).isZero();
      assertThat(duck.count("SELECT count(*) FROM (SELECT mt_id FROM " + f + " GROUP BY mt_id HAVING"
          + " count(DISTINCT (image_width, image_height, entered_at_ms, response)) > 1)")).as("trial-level columns")
          .isZero();
      String r = DuckDb.file(raw);
      assertThat(duck.count("SELECT count(*) FROM (SELECT mt_id FROM " + r + " GROUP BY mt_id HAVING"
          + " count(DISTINCT session_id) > 1)")).as("a replaced page load never joins the next one's trials").isZero();
      assertThat(duck.count("SELECT count(DISTINCT mt_id) FROM " + r + " WHERE page_replaced")).isEqualTo(2);
      assertThat(duck.count("SELECT count(*) FROM " + r + " WHERE is_click")).isEqualTo(UNIQUE_EVENTS.stream()
          .filter(e -> e.getPayload() instanceof io.byproduct.schemas.event.SelectionToggled).count());
    }
    StringWriter err = new StringWriter();
    CommandLine cli = Analytics.newCommandLine();
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute("export", "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", PREFIX,
        "--what", "pages", "--format", "mousetrap-csv", "--out", dir.resolve("t.csv").toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("use --what points");
  }

  /** Item 8: a filter that matches nothing fails, names the datasets seen, writes nothing; progress counts rows. */
  @Test
  void aFilterMatchingNothing_exitsNonZero_listingTheDatasetsSeen_andProgressCountsRows() throws Exception {
    Path out = dir.resolve("images.parquet");
    StringWriter stdout = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Analytics.newCommandLine();
    cli.setOut(new PrintWriter(stdout, true));
    cli.setErr(new PrintWriter(err, true));
    String[] command = {"export", "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", PREFIX, "--what",
        "images", "--format", "parquet", "--out", out.toString(), "--dataset", "Oracle"};
    assertThat(cli.execute(command)).isEqualTo(ExitCodes.NOTHING_MATCHED);
    assertThat(err.toString()).contains("nothing to export").contains("--dataset Oracle")
        .contains("'oracle' (8)").contains("'demo' (1)").contains("did you mean --dataset oracle?");
    assertThat(out).doesNotExist();
    assertThat(Exporter.partialOf(out)).doesNotExist();
    assertThat(Exporter.checkpointOf(out)).doesNotExist();

    command[command.length - 1] = "oracle";
    assertThat(cli.execute(command)).as(err.toString()).isZero();
    assertThat(stdout.toString()).contains("export: 8 pages selected")
        .contains(String.format("export: wrote %s: %,d rows (images) from 8 pages", out, imageCount()));
  }

  /** Item 9: the Avro files are read with Avro's generic reader and the schema they carry: the same columns, no enums. */
  @Test
  void avroFiles_carryTheTablesSchema_readWithoutOurClasses() throws Exception {
    for (Map.Entry<What, Long> expected : expectedRows().entrySet()) {
      Path file = export(expected.getKey(), Format.AVRO);
      List<GenericRecord> rows = new ArrayList<>();
      try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
        assertThat(reader.getMetaString("avro.codec")).isEqualTo("deflate");
        reader.forEach(rows::add);
        Schema schema = reader.getSchema();
        assertThat(schema.getFields()).extracting(Schema.Field::name)
            .containsExactlyElementsOf(expected.getKey().pageTable().table().names());
        assertThat(schema.getFields()).allMatch(f -> f.schema().getTypes().stream()
            .noneMatch(t -> t.getType() == Schema.Type.ENUM));
      }
      assertThat(rows).hasSize(expected.getValue().intValue());
    }
  }
}
