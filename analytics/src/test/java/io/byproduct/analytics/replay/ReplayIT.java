package io.byproduct.analytics.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.analytics.Analytics;
import io.byproduct.analytics.Fixtures;
import io.byproduct.analytics.kafka.KafkaOptions;
import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.pages.PageReader;
import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import io.byproduct.schemas.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Replays on a real broker (and dynalite for the table output): deterministic, bounded, cleaned up. */
class ReplayIT {

  private static final long T0 = 1_767_225_600_000L;
  private static LocalKafka kafka;
  private static final List<InteractionEvent> EVENTS = new ArrayList<>();

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    kafka = LocalKafka.start();
    Fixtures.createTopics(kafka.bootstrapServers(), "", 3);
    EVENTS.addAll(Fixtures.pageEvents("ann-A", "s-A", 1, "study", 1, T0, true, false));
    EVENTS.addAll(Fixtures.pageEvents("ann-A", "s-A", 30, "study", 2, T0 + 10_000, true, true));
    EVENTS.addAll(Fixtures.pageEvents("ann-B", "s-B", 1, "study", 1, T0, true, false));
    EVENTS.addAll(Fixtures.pageEvents("ann-B", "s-B", 30, "study", 2, T0 + 10_000, false, false));  // left open
    EVENTS.addAll(Fixtures.pageEvents("ann-C", "s-C", 1, "other", 1, T0, true, true));
    try (KafkaProducer<String, byte[]> producer = Fixtures.producer(kafka.bootstrapServers())) {
      EVENTS.forEach(e -> Fixtures.send(producer, Topics.defaults(), e, e.getClientTime()));
      // a resent event (same session and seq) changes nothing
      Fixtures.send(producer, Topics.defaults(), EVENTS.get(5), EVENTS.get(5).getClientTime());
    }
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  private static KafkaOptions source() {
    return new KafkaOptions(kafka.bootstrapServers(), "");
  }

  private static List<PageRecord> pages(String prefix) throws Exception {
    List<PageRecord> pages = new ArrayList<>();
    ReplayTopics.forEachPage(source(), Topics.withPrefix(prefix), pages::add);
    return pages.stream().sorted(Comparator.comparing(PageRecord::getAnnotationId).thenComparing(PageRecord::getPageNo))
        .toList();
  }

  @Test
  void replayingTheSameHistoryTwice_givesTheSamePages_andOpenPagesAbandonedAtTheEnd() throws Exception {
    StringWriter progress = new StringWriter();
    Replay.Result first = new Replay(source(), ReplaySettings.of("r1."), new PrintWriter(progress, true)).run();
    Replay.Result second = new Replay(source(), ReplaySettings.of("r2."), new PrintWriter(new StringWriter())).run();

    assertThat(first.eventsCopied()).isEqualTo(EVENTS.size() + 1);
    assertThat(first.pagesSubmitted()).isEqualTo(4);
    assertThat(first.pagesAbandoned()).isEqualTo(1);
    List<PageRecord> pages = pages("r1.");
    assertThat(pages).isEqualTo(pages("r2."));
    assertThat(pages).extracting(p -> p.getAnnotationId() + "/" + p.getPageNo() + "/" + p.getStatus())
        .containsExactly("ann-A/1/SUBMITTED", "ann-A/2/SUBMITTED", "ann-B/1/SUBMITTED", "ann-B/2/ABANDONED",
            "ann-C/1/SUBMITTED");
    PageRecord open = pages.get(3);
    assertThat(open.getEndedAt()).as("an abandoned page ends at its last event").isEqualTo(T0 + 10_000 + 1000);
    assertThat(open.getImages().get(0).getSelected()).isTrue();
    assertThat(pages.get(0).getEventCount()).isEqualTo(22);
    assertThat(progress.toString()).contains("1 pages were still open at the end of the range: emitting them ABANDONED");

    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      assertThat(admin.listTopics().names().get()).as("the replay's internal topics are removed")
          .noneMatch(name -> name.startsWith("r1.replay-"))
          .contains("r1.interactions", "r1.pages", "r1.images", "r1.annotations", "r1.dead-letters");
    }
  }

  @Test
  void commandLine_datasetAndOmittedOpenPages_toFiles() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = Analytics.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    int code = cli.execute("replay", "--bootstrap-servers", kafka.bootstrapServers(), "--dataset", "study",
        "--open-pages", "omit", "--to-dir", dir.toString(), "--format", "avro");

    assertThat(code).as(out.toString()).isZero();
    List<PageRecord> pages = new ArrayList<>();
    try (DataFileReader<PageRecord> reader = new DataFileReader<>(dir.resolve("pages.avro").toFile(),
        new SpecificDatumReader<>(PageRecord.class))) {
      reader.forEach(pages::add);
    }
    assertThat(pages).extracting(p -> p.getAnnotationId() + "/" + p.getPageNo())
        .containsExactlyInAnyOrder("ann-A/1", "ann-A/2", "ann-B/1");
    assertThat(pages).allMatch(p -> p.getStatus() == PageStatus.SUBMITTED);
    assertThat(out.toString()).contains("1 pages were still open at the end of the range: left out");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      assertThat(admin.listTopics().names().get()).as("temporary topics removed").noneMatch(n -> n.startsWith("replay-"));
    }
  }

  @Test
  void commandLine_anOffsetRange_toATable() throws Exception {
    try (LocalDynamo dynamo = LocalDynamo.start()) {
      StringWriter out = new StringWriter();
      CommandLine cli = Analytics.newCommandLine();
      cli.setOut(new PrintWriter(out, true));
      // every partition from offset 0 up to (not including) 10_000: all of it; then a second replay of nothing
      int code = cli.execute("replay", "--bootstrap-servers", kafka.bootstrapServers(), "--from-offset", "0",
          "--to-offset", "10000", "--to-table-prefix", "replayed-", "--dynamo-endpoint", dynamo.endpoint());
      assertThat(code).as(out.toString()).isZero();
      assertThat(out.toString()).contains("5 pages written to replayed-ImageNetAnnotationPage");

      DynamoProperties props = new DynamoProperties(URI.create(dynamo.endpoint()), "us-east-1", "local", "local",
          Duration.ofSeconds(10), new DynamoProperties.TableNames("replayed-ImageNetHIT", "replayed-ImageNetAnnotation",
          "replayed-ImageNetAnnotationPage"));
      try (DynamoDbClient client = DynamoClients.create(props)) {
        PageReader reader = new PageReader(client, new Tables(props.tables()));
        assertThat(reader.read("ann-B", 2)).get().extracting(p -> p.get("status").asString()).isEqualTo("ABANDONED");
        assertThat(reader.read("ann-A", 1)).isPresent();
      }
    }
  }

  @Test
  void commandLine_refusesAnExistingPrefix_andAMissingSource() {
    StringWriter err = new StringWriter();
    CommandLine cli = Analytics.newCommandLine();
    cli.setErr(new PrintWriter(err, true));
    Fixtures.createTopics(kafka.bootstrapServers(), "taken.", 1);
    assertThat(cli.execute("replay", "--bootstrap-servers", kafka.bootstrapServers(), "--to-topic-prefix", "taken."))
        .isEqualTo(1);
    assertThat(err.toString()).contains("topic 'taken.interactions' exists already");
    assertThat(cli.execute("replay", "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", "nothing.",
        "--to-topic-prefix", "fresh.")).isEqualTo(1);
    assertThat(err.toString()).contains("topic 'nothing.interactions' does not exist");
    assertThat(cli.execute("replay", "--bootstrap-servers", kafka.bootstrapServers())).isEqualTo(2);
  }
}
