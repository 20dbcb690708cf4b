package io.byproduct.analytics.labels;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.analytics.Analytics;
import io.byproduct.analytics.Fixtures;
import io.byproduct.localinfra.LocalDynamo;
import io.byproduct.localinfra.LocalKafka;
import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.tables.TableProvisioner;
import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import io.byproduct.schemas.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code analytics labels} on a real broker and dynalite: stored pages and HITs in, labels and worker quality out. */
class LabelsIT {

  private static final String PREFIX = "lab.";
  private static final Topics TOPICS = Topics.withPrefix(PREFIX);
  private static final long T0 = 1_767_225_600_000L;

  private static LocalKafka kafka;
  private static LocalDynamo dynamo;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    kafka = LocalKafka.start();
    dynamo = LocalDynamo.start();
    Fixtures.createTopics(kafka.bootstrapServers(), PREFIX, 2);
    DynamoProperties.TableNames names = DynamoProperties.TableNames.withPrefix("lab-");
    DynamoProperties props = new DynamoProperties(URI.create(dynamo.endpoint()), "us-east-1", "local", "local",
        Duration.ofSeconds(10), names);
    try (var client = DynamoClients.create(props)) {
      Tables tables = new Tables(names);
      new TableProvisioner(client, tables, DynamoClients.describe(props)).createMissing();
      new HitStore(client, tables).put("""
          {"hitDatasetName": "study", "id": "hit-1", "isUnique": false, "pages": [
            {"pageno": 1, "class": {"id": "n01440764"}, "images": []},
            {"pageno": 2, "class": {"id": "n01443537"}, "images": []}],
           "review": {"controls": {"1": {"img-a": "positive"}}}}""");
    }
    try (KafkaProducer<String, byte[]> producer = Fixtures.producer(kafka.bootstrapServers())) {
      long t = T0;
      // page 1 (tench): img-a selected by W1 and W2, img-b by W3 only
      send(producer, page("ann-1", 1, "W1", PageStatus.SUBMITTED, true, true), t++); // replaced by its re-send below
      send(producer, page("ann-1", 1, "W1", PageStatus.SUBMITTED, true, false), t++);
      send(producer, page("ann-2", 1, "W2", PageStatus.SUBMITTED, true, false), t++);
      send(producer, page("ann-3", 1, "W3", PageStatus.SUBMITTED, false, true), t++);
      // page 2 (goldfish): the same image ids, another class: other items
      send(producer, page("ann-1", 2, "W1", PageStatus.SUBMITTED, false, false), t++);
      // left out: an abandoned page, a page of a HIT the table does not have
      send(producer, page("ann-4", 1, "W4", PageStatus.ABANDONED, true, true), t++);
      PageRecord unknown = page("ann-5", 1, "W5", PageStatus.SUBMITTED, true, true);
      unknown.setImageNetHitId("no-such-hit");
      send(producer, unknown, t);
    }
  }

  @AfterAll
  static void stop() {
    if (dynamo != null) {
      dynamo.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static PageRecord page(String annotation, int pageNo, String worker, PageStatus status, boolean a, boolean b) {
    PageRecord page = Fixtures.page(annotation, pageNo, "study", "hit-1", 2, 1);
    page.setWorkerId(worker);
    page.setStatus(status);
    page.getImages().get(0).setImageID("img-a");
    page.getImages().get(0).setSelected(a);
    page.getImages().get(1).setImageID("img-b");
    page.getImages().get(1).setSelected(b);
    return page;
  }

  private static void send(KafkaProducer<String, byte[]> producer, PageRecord page, long time) {
    Fixtures.send(producer, TOPICS, page, time);
  }

  @Test
  void labels_fromStoredPages_writeSelectionFrequencyMajorityAndPosteriors() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = Analytics.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    int code = cli.execute("labels", "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", PREFIX,
        "--dynamo-endpoint", dynamo.endpoint(), "--table-prefix", "lab-", "--dataset", "study",
        "--out-dir", dir.toString());
    assertThat(code).as(out.toString()).isZero();
    assertThat(out.toString())
        .contains("6 distinct pages (1 repeated records ignored); left out: 1 abandoned, 0 without a worker,"
            + " 1 whose HIT page has no class; 8 judgements of 4 (image, class) items by 3 workers")
        .contains("labels: EM iteration 1:")
        .containsPattern("labels: EM (converged|stopped at the iteration cap)");

    List<String> images = Files.readAllLines(dir.resolve("image-labels.csv"));
    assertThat(images.get(0))
        .isEqualTo("image_id,class_id,control,judgements,selections,selection_frequency,majority_vote,posterior,label");
    assertThat(images).hasSize(5);
    assertThat(row(images, "img-a,n01440764,")).startsWith("img-a,n01440764,positive,3,2,0.6666666666666666,true,");
    assertThat(row(images, "img-b,n01440764,")).startsWith("img-b,n01440764,,3,1,0.3333333333333333,false,");
    assertThat(row(images, "img-a,n01443537,")).startsWith("img-a,n01443537,,1,0,0,false,");
    List<String> workers = Files.readAllLines(dir.resolve("worker-quality.csv"));
    assertThat(workers.get(0)).isEqualTo("worker_id,judgements,selections,sensitivity,specificity");
    assertThat(workers).hasSize(4);
    assertThat(row(workers, "W1,")).startsWith("W1,4,1,");
    assertThat(row(workers, "W3,")).startsWith("W3,2,1,");

    List<GenericRecord> parquet = Fixtures.readParquet(dir.resolve("image-labels.parquet"));
    assertThat(parquet).hasSize(4);
    GenericRecord a = parquet.stream().filter(r -> r.get("image_id").toString().equals("img-a")
        && r.get("class_id").toString().equals("n01440764")).findFirst().orElseThrow();
    assertThat(a.get("selections")).isEqualTo(2);
    assertThat(a.get("control").toString()).isEqualTo("positive");
    double posterior = (Double) a.get("posterior");
    assertThat(posterior).isBetween(0.0, 1.0);
    assertThat(a.get("label")).isEqualTo(posterior >= 0.5);
    assertThat(Double.parseDouble(row(images, "img-a,n01440764,").split(",")[7])).isEqualTo(posterior);
    assertThat(Fixtures.readParquet(dir.resolve("worker-quality.parquet"))).extracting(r -> r.get("worker_id").toString())
        .containsExactlyInAnyOrder("W1", "W2", "W3");

    // a second run refuses to replace the files unless asked
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute("labels", "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", PREFIX,
        "--dynamo-endpoint", dynamo.endpoint(), "--table-prefix", "lab-", "--out-dir", dir.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("image-labels.csv exists");
  }

  private static String row(List<String> lines, String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(
        "no row starting " + prefix + " in " + lines));
  }
}
