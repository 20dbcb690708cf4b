package io.byproduct.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.localinfra.LocalKafka;
import io.byproduct.schemas.topics.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** target/analytics.jar runs on its own with java -jar: Kafka Streams, Parquet and its Hadoop classes are inside. */
class ExecutableJarIT {

  private static final Path JAR = Path.of("target", "analytics.jar");

  @TempDir
  Path dir;

  record Result(int exitCode, String out, String err) {}

  private Result java(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("analytics did not finish in 120 s: " + command);
    }
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void helpReplayAndExport_fromTheJar() throws Exception {
    assertThat(JAR).as("built by the package phase").exists();
    Result help = java("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Usage: analytics").contains("replay").contains("export").contains("labels")
        .contains("Exit codes:");
    assertThat(java("export", "--what", "pages").exitCode()).isEqualTo(2);
    Result labelsHelp = java("labels", "--help");
    assertThat(labelsHelp.exitCode()).isZero();
    assertThat(labelsHelp.out()).contains("--max-iterations").contains("Dawid");

    try (LocalKafka kafka = LocalKafka.start()) {
      Fixtures.createTopics(kafka.bootstrapServers(), "", 2);
      try (KafkaProducer<String, byte[]> producer = Fixtures.producer(kafka.bootstrapServers())) {
        Fixtures.pageEvents("ann-J", "s-J", 1, "study", 1, 1_767_225_600_000L, true, true)
            .forEach(e -> Fixtures.send(producer, Topics.defaults(), e, e.getClientTime()));
      }
      Result replay = java("replay", "--bootstrap-servers", kafka.bootstrapServers(), "--to-dir", dir.toString(),
          "--format", "parquet");
      assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
      assertThat(replay.out()).contains("replay: done: ").contains("1 submitted and 0 abandoned pages");
      assertThat(dir.resolve("pages.parquet")).isNotEmptyFile();

      Result export = java("export", "--bootstrap-servers", kafka.bootstrapServers(), "--what", "events", "--format",
          "mousetrap-csv", "--out", dir.resolve("events.csv").toString());
      assertThat(export.exitCode()).as(export.err()).isZero();
      assertThat(Files.readAllLines(dir.resolve("events.csv")).get(0)).startsWith("mt_id,mt_seq,timestamps,xpos,ypos");
      assertThat(export.err()).as("no exceptions").doesNotContain("Exception");
      // the Kafka clients' own log is off by default: stderr holds only what the command says
      assertThat(export.err()).as("no Kafka client noise").doesNotContain("WARN").doesNotContain("INFO")
          .doesNotContain("Not updating last stable offset");
      assertThat(replay.err()).as("no Kafka client noise in a replay").doesNotContain("WARN").doesNotContain("INFO");
      assertThat(export.out()).contains("rows (mousetrap positions) from");

      Result verbose = java("export", "--bootstrap-servers", kafka.bootstrapServers(), "--what", "events", "--format",
          "parquet", "--out", dir.resolve("events.parquet").toString(), "--verbose");
      assertThat(verbose.exitCode()).as(verbose.err()).isZero();
      assertThat(verbose.err()).as("--verbose shows the Kafka clients' log").contains("INFO")
          .contains("org.apache.kafka");

      Result nothing = java("export", "--bootstrap-servers", kafka.bootstrapServers(), "--what", "events", "--format",
          "csv", "--out", dir.resolve("none.csv").toString(), "--dataset", "Study");
      assertThat(nothing.exitCode()).isEqualTo(ExitCodes.NOTHING_MATCHED);
      assertThat(nothing.err()).contains("'study' (").contains("did you mean --dataset study?");
      assertThat(dir.resolve("none.csv")).doesNotExist();
    }
  }
}
