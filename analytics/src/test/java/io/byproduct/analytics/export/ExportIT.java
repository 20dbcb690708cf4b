package io.byproduct.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.analytics.AnalyticsException;
import io.byproduct.analytics.Fixtures;
import io.byproduct.analytics.kafka.KafkaOptions;
import io.byproduct.analytics.kafka.RangeSpec;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.platform.pages.PageItems;
import io.byproduct.schemas.batch.Batches;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.json.SeedJson;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.TrackPoint;
import io.byproduct.schemas.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Exports on a real broker, each format read back (Avro and Parquet with their Java readers) and compared with what is stored. */
class ExportIT {

  private static final String PREFIX = "exp.";
  private static final Topics TOPICS = Topics.withPrefix(PREFIX);
  private static final long T0 = 1_767_225_600_000L;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static LocalKafka kafka;
  private static KafkaOptions options;
  private static final List<PageRecord> PAGES = new ArrayList<>();
  private static final List<InteractionEvent> EVENTS = new ArrayList<>();

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    kafka = LocalKafka.start();
    options = new KafkaOptions(kafka.bootstrapServers(), PREFIX);
    Fixtures.createTopics(kafka.bootstrapServers(), PREFIX, 3);
    PAGES.add(Fixtures.page("ann-A", 1, "study", "hit-1", 48, 1));
    PAGES.add(Fixtures.page("ann-A", 2, "study", "hit-1", 48, 2));
    PAGES.add(Fixtures.page("ann-B", 1, "study", "hit-2", 12, 4));
    PAGES.add(Fixtures.page("ann-C", 1, "other", "hit-1", 12, 5));
    PAGES.add(Fixtures.page("ann-D", 1, "study", "hit-1", 6, 6));
    EVENTS.addAll(Fixtures.pageEvents("ann-A", "s-A", 1, "study", 1, T0, true, false));
    EVENTS.addAll(Fixtures.pageEvents("ann-C", "s-C", 1, "other", 1, T0, true, true));
    // page 2 of ann-A as the gateway writes since issue 22: batches of 5 events, on the same topic as the single events
    List<InteractionEvent> batched = Fixtures.asFrameEvents(Fixtures.pageEvents("ann-A", "s-A", 100, "study", 2, T0 + 5000, false, false));
    try (KafkaProducer<String, byte[]> producer = Fixtures.producer(kafka.bootstrapServers())) {
      for (int i = 0; i < PAGES.size(); i++) {
        Fixtures.send(producer, TOPICS, PAGES.get(i), T0 + (i + 1) * 1000L);
      }
      producer.send(new ProducerRecord<>(TOPICS.pages.name(), null, T0, "garbage", new byte[] {1, 2, 3}));
      for (int i = 0; i < EVENTS.size(); i++) {
        Fixtures.send(producer, TOPICS, EVENTS.get(i), T0 + i);
      }
      for (int i = 0; i < batched.size(); i += 5) {
        Fixtures.send(producer, TOPICS, Batches.pack(batched.subList(i, Math.min(i + 5, batched.size()))), T0 + 100 + i);
      }
      EVENTS.addAll(batched);
    }
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  private Exporter.Result export(What what, Format format, Filters filters, RangeSpec range, String file) throws Exception {
    return export(ExportSettings.of(what, format, dir.resolve(file)).withFilters(filters).withRange(range));
  }

  /** The stored records' own shape (--nested). */
  private Exporter.Result nested(What what, Format format, Filters filters, RangeSpec range, String file) throws Exception {
    return export(ExportSettings.of(what, format, dir.resolve(file)).withFilters(filters).withRange(range)
        .withNested(true));
  }

  private Exporter.Result export(ExportSettings settings) throws Exception {
    Path out = settings.out();
    StringWriter progress = new StringWriter();
    Exporter.Result result = new Exporter(options, settings, new PrintWriter(progress, true)).run();
    assertThat(out).exists();
    assertThat(Exporter.partialOf(out)).doesNotExist();
    assertThat(Exporter.checkpointOf(out)).doesNotExist();
    assertThat(progress.toString()).contains("export: wrote " + out);
    return result;
  }

  private static final Filters STUDY = new Filters("study", null, null);

  private static List<PageRecord> studyPages() {
    return sorted(PAGES.stream().filter(p -> p.getHitDatasetName().equals("study")).toList());
  }

  private static List<PageRecord> sorted(List<PageRecord> pages) {
    return pages.stream().sorted(Comparator.comparing(PageRecord::getAnnotationId).thenComparing(PageRecord::getPageNo))
        .toList();
  }

  private static <T> List<T> avro(Path file, Schema schema) throws Exception {
    List<T> records = new ArrayList<>();
    try (DataFileReader<T> reader = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(schema))) {
      reader.forEach(records::add);
    }
    return records;
  }

  /** Nested Parquet read with the contract's schema (the file holds its enums as strings). */
  private static List<GenericRecord> parquet(Path file, Schema readSchema) throws Exception {
    List<GenericRecord> records = new ArrayList<>();
    PlainParquetConfiguration conf = new PlainParquetConfiguration();
    conf.set("parquet.avro.read.schema", readSchema.toString()); // AvroReadSupport.setAvroReadSchema takes a Hadoop conf
    try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
        .withDataModel(GenericData.get()).withConf(conf).build()) {
      for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
        records.add(r);
      }
    }
    return records;
  }

  @SuppressWarnings("unchecked")
  private static <T> T specific(Schema schema, GenericRecord generic) {
    return (T) SpecificData.get().deepCopy(schema, generic);
  }

  private static List<JsonNode> jsonLines(Path file) throws Exception {
    return Files.readAllLines(file).stream().map(JSON::readTree).toList();
  }

  @Test
  void pages_asJsonl_areThePagesAsDynamoDbStoresThem() throws Exception {
    Exporter.Result result = nested(What.PAGES, Format.JSONL, STUDY, RangeSpec.all(), "pages.jsonl");

    assertThat(result.records()).isEqualTo(4);
    assertThat(result.skipped()).isEqualTo(1);
    Map<String, JsonNode> byKey = new LinkedHashMap<>();
    jsonLines(dir.resolve("pages.jsonl")).forEach(n -> byKey.put(n.get("imageNetAnnotationID").asString() + "/"
        + n.get("pageno").asInt(), n));
    assertThat(byKey).hasSize(4);
    for (PageRecord page : studyPages()) {
      JsonNode line = byKey.get(page.getAnnotationId() + "/" + page.getPageNo());
      var items = PageItems.itemsOf(page);
      JsonNode stored = PageItems.toSeedJson(items.get(items.size() - 1), items.subList(0, items.size() - 1));
      assertThat(JSON.readTree(JSON.writeValueAsString(line))).isEqualTo(JSON.readTree(JSON.writeValueAsString(stored)));
      List<ImageRecord> images = new ArrayList<>();
      line.get("annotations").forEach(a -> images.add(SeedJson.fromTree(a)));
      assertThat(images).isEqualTo(page.getImages());
    }
  }

  @Test
  void pages_asAvroAndParquet_readBackWithTheirJavaReaders_equalTheStoredRecords() throws Exception {
    nested(What.PAGES, Format.AVRO, STUDY, RangeSpec.all(), "pages.avro");
    nested(What.PAGES, Format.PARQUET, STUDY, RangeSpec.all(), "pages.parquet");

    List<PageRecord> fromAvro = avro(dir.resolve("pages.avro"), PageRecord.getClassSchema());
    assertThat(sorted(fromAvro)).isEqualTo(studyPages());
    List<PageRecord> fromParquet = parquet(dir.resolve("pages.parquet"), PageRecord.getClassSchema()).stream()
        .map(g -> (PageRecord) specific(PageRecord.getClassSchema(), g)).toList();
    assertThat(sorted(fromParquet)).isEqualTo(studyPages());
  }

  @Test
  void images_inEveryFormat_areOneRowPerImage_withThePagesContext() throws Exception {
    nested(What.IMAGES, Format.AVRO, STUDY, RangeSpec.all(), "images.avro");
    nested(What.IMAGES, Format.PARQUET, STUDY, RangeSpec.all(), "images.parquet");
    nested(What.IMAGES, Format.JSONL, STUDY, RangeSpec.all(), "images.jsonl");

    Map<String, ImageRecord> expected = new LinkedHashMap<>();
    for (PageRecord page : studyPages()) {
      for (int i = 0; i < page.getImages().size(); i++) {
        expected.put(page.getAnnotationId() + "/" + page.getPageNo() + "/" + i, page.getImages().get(i));
      }
    }
    List<GenericRecord> avroRows = new ArrayList<>();
    try (DataFileReader<GenericRecord> reader = new DataFileReader<>(dir.resolve("images.avro").toFile(),
        new GenericDatumReader<>(ImageRows.SCHEMA, ImageRows.SCHEMA, SpecificData.get()))) {
      reader.forEach(avroRows::add);
    }
    for (List<GenericRecord> rows : List.of(avroRows, parquet(dir.resolve("images.parquet"), ImageRows.SCHEMA))) {
      Map<String, ImageRecord> actual = new LinkedHashMap<>();
      for (GenericRecord row : rows) {
        actual.put(row.get("annotationId") + "/" + row.get("pageNo") + "/" + row.get("position"),
            specific(ImageRecord.getClassSchema(), (GenericRecord) row.get("record")));
      }
      assertThat(actual).isEqualTo(expected);
    }
    Map<String, ImageRecord> fromJson = new LinkedHashMap<>();
    for (JsonNode line : jsonLines(dir.resolve("images.jsonl"))) {
      fromJson.put(line.get("imageNetAnnotationID").asString() + "/" + line.get("pageno").asInt() + "/"
          + line.get("position").asInt(), SeedJson.fromTree(line));
      assertThat(line.get("hitDatasetName").asString()).isEqualTo("study");
    }
    assertThat(fromJson).isEqualTo(expected);
  }

  @Test
  void events_inEveryFormat_equalTheRawEvents() throws Exception {
    nested(What.EVENTS, Format.AVRO, STUDY, RangeSpec.all(), "events.avro");
    nested(What.EVENTS, Format.PARQUET, STUDY, RangeSpec.all(), "events.parquet");
    nested(What.EVENTS, Format.JSONL, STUDY, RangeSpec.all(), "events.jsonl");
    Comparator<InteractionEvent> order = Comparator.comparing(InteractionEvent::getEventId);
    List<InteractionEvent> expected = EVENTS.stream().filter(e -> e.getHitDatasetName().equals("study")).sorted(order).toList();

    List<InteractionEvent> fromAvro = avro(dir.resolve("events.avro"), InteractionEvent.getClassSchema());
    assertThat(fromAvro.stream().sorted(order).toList()).isEqualTo(expected);
    List<InteractionEvent> fromParquet = parquet(dir.resolve("events.parquet"), InteractionEvent.getClassSchema()).stream()
        .map(g -> (InteractionEvent) specific(InteractionEvent.getClassSchema(), g)).sorted(order).toList();
    assertThat(fromParquet).isEqualTo(expected);
    List<JsonNode> lines = jsonLines(dir.resolve("events.jsonl"));
    assertThat(lines).hasSize(expected.size());
    JsonNode sample = lines.stream().filter(l -> l.get("payload").get("type").asString().equals("PointerSample"))
        .findFirst().orElseThrow();
    InteractionEvent original = expected.stream().filter(e -> e.getEventId().equals(sample.get("eventId").asString()))
        .findFirst().orElseThrow();
    assertThat(sample.get("clientTime").asLong()).isEqualTo(original.getClientTime());
    assertThat(sample.get("payload").get("x").asDouble()).isEqualTo(((PointerSample) original.getPayload()).getX());
    assertThat(sample.get("workerId").asString()).isEqualTo(original.getWorkerId());
  }

  @Test
  void hitAndTimeFilters_selectTheRecords() throws Exception {
    Exporter.Result byHit = nested(What.PAGES, Format.AVRO, new Filters("study", "hit-1", null), RangeSpec.all(), "hit.avro");
    assertThat(byHit.records()).isEqualTo(3);
    // pages were written at T0+1000 .. T0+5000: [T0+2000, T0+4000) holds the 2nd and 3rd
    Exporter.Result byTime = nested(What.PAGES, Format.AVRO, Filters.none(),
        RangeSpec.times(Instant.ofEpochMilli(T0 + 2000), Instant.ofEpochMilli(T0 + 4000)), "time.avro");
    assertThat(sorted(avro(dir.resolve("time.avro"), PageRecord.getClassSchema())))
        .isEqualTo(sorted(List.of(PAGES.get(1), PAGES.get(2))));
    assertThat(byTime.records()).isEqualTo(2);
  }

  @Test
  void anInterruptedExport_leavesNoOutput_andResumesToTheCompleteFile() throws Exception {
    String prefix = "big.";
    Fixtures.createTopics(kafka.bootstrapServers(), prefix, 3);
    Topics big = Topics.withPrefix(prefix);
    List<InteractionEvent> events = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer = Fixtures.producer(kafka.bootstrapServers())) {
      for (int a = 0; a < 60; a++) {
        events.addAll(Fixtures.pageEvents("big-" + a, "s-" + a, 1, "study", 1, T0 + a, true, true));
      }
      events.forEach(e -> Fixtures.send(producer, big, e, T0));
    }
    KafkaOptions bigOptions = new KafkaOptions(kafka.bootstrapServers(), prefix);
    Path out = dir.resolve("resumed.jsonl");
    ExportSettings settings = ExportSettings.of(What.EVENTS, Format.JSONL, out);

    Exporter interrupted = new Exporter(bigOptions, settings, new PrintWriter(new StringWriter())).checkpointEvery(1)
        .interruptAfter(events.size() / 3);
    assertThatThrownBy(interrupted::run).isInstanceOf(Exporter.InterruptedExportException.class);
    assertThat(out).as("no half-written output").doesNotExist();
    assertThat(Exporter.partialOf(out)).exists();
    assertThat(Exporter.checkpointOf(out)).exists();

    assertThatThrownBy(() -> new Exporter(bigOptions, ExportSettings.of(What.EVENTS, Format.AVRO, out),
        new PrintWriter(new StringWriter())).run())
        .isInstanceOf(AnalyticsException.class).hasMessageContaining("an interrupted export with other settings");

    StringWriter progress = new StringWriter();
    Exporter.Result resumed = new Exporter(bigOptions, settings, new PrintWriter(progress, true)).run();
    assertThat(resumed.resumed()).isTrue();
    assertThat(progress.toString()).contains("export: resuming resumed.jsonl from its checkpoint");
    assertThat(resumed.records()).isEqualTo(events.size());
    assertThat(resumed.rows()).isEqualTo(events.size());
    List<String> eventIds = jsonLines(out).stream().map(l -> l.get("annotation_id").asString() + "/" + l.get("event_id").asString())
        .sorted().toList();
    assertThat(eventIds).isEqualTo(events.stream().map(e -> e.getAnnotationId() + "/" + e.getEventId()).sorted().toList());
    assertThat(Exporter.partialOf(out)).doesNotExist();
    assertThat(Exporter.checkpointOf(out)).doesNotExist();

    assertThatThrownBy(() -> new Exporter(bigOptions, settings, new PrintWriter(new StringWriter())).run())
        .isInstanceOf(AnalyticsException.class).hasMessageContaining("exists; remove it");
  }
}
