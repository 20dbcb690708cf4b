package io.byproduct.hittool.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.hittool.Fixtures;
import io.byproduct.localinfra.LocalDynamo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** target/hit-tool.jar runs on its own with java -jar: every class it needs is inside. */
class ExecutableJarIT {

  private static final Path JAR = Path.of("target", "hit-tool.jar");
  private static LocalDynamo server;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    assertThat(JAR).as("built by the package phase").exists();
    server = LocalDynamo.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Result(int exitCode, String out, String err) {}

  private Result java(String... args) throws IOException, InterruptedException {
    return java(java.util.Map.of(), args);
  }

  private Result java(java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("hit-tool did not finish in 60 s: " + command);
    }
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void helpValidateImportShow_fromTheJar() throws Exception {
    Result help = java("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Usage: hit-tool").contains("import").contains("Exit codes:");

    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"dataset\": \"d|x\", \"classes\": []}");
    Result invalid = java("validate", bad.toString());
    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.err()).contains(bad + ":1: dataset: 'd|x' may hold only letters");

    Path manifest = Fixtures.write(Fixtures.manifest("jar", 3, 50, 3), dir.resolve("jar.json"));
    Path csv = dir.resolve("jar.csv");
    Result imported = java("import", manifest.toString(), "--dynamo-endpoint", server.endpoint(), "--create-table",
        "--pages", "3", "--positive-controls", "1", "--negative-controls", "1", "--version", "random",
        "--csv", csv.toString(), "--tool-link", "https://annotate.example.org/");
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("Built 2 HITs (jar-hit-0001 .. jar-hit-0002)").contains("2/2 HITs written");
    assertThat(imported.err()).as("no logging noise").isEmpty();
    assertThat(Files.readAllLines(csv)).hasSize(3);

    Result show = java("show", "--dataset", "jar", "--hit", "jar-hit-0001", "--dynamo-endpoint", server.endpoint());
    assertThat(show.exitCode()).as(show.err()).isZero();
    JsonNode hit = JsonMapper.builder().build().readTree(show.out());
    assertThat(hit.path("review").path("controls").path("1").size()).isEqualTo(2);
  }

  @Test
  void reviewThroughTheMturkApi_fromTheJar_signsWithTheSdk() throws Exception {
    String key = "the-gateways-survey-code-key-0123456789";
    String code = new io.byproduct.platform.workers.SurveyCodes(key).code("3HIT1", "A1", "3ASG1");
    try (io.byproduct.hittool.review.MturkDouble mturk = new io.byproduct.hittool.review.MturkDouble("AKIDJARTEST", 2)) {
      mturk.add("3ASG1", "3HIT1", "A1", "Submitted", io.byproduct.hittool.review.MturkDouble.answer(code));
      mturk.add("3ASG2", "3HIT1", "A2", "Submitted", io.byproduct.hittool.review.MturkDouble.answer("FFFFFF"));
      Path keyFile = Files.writeString(dir.resolve("survey.key"), key);

      Result review = java(java.util.Map.of("AWS_ACCESS_KEY_ID", "AKIDJARTEST", "AWS_SECRET_ACCESS_KEY",
          "jar-test-secret-0123456789", "AWS_REGION", "us-east-1"), "review", "--api", "--endpoint",
          mturk.endpoint().toString(), "--hit-id", "3HIT1", "--key-file", keyFile.toString(), "--flags", "none",
          "--execute");

      assertThat(review.exitCode()).as(review.out() + review.err()).isZero();
      assertThat(review.out()).contains("review: 1 approved, 1 rejected, 0 failed");
      assertThat(mturk.status("3ASG1")).isEqualTo("Approved");
      assertThat(mturk.status("3ASG2")).isEqualTo("Rejected");
    }
  }
}
