package io.byproduct.hittool.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.hittool.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command line without DynamoDB: help, validation, usage errors, and import stopping before any write. */
class HitToolCommandsTest {

  @TempDir
  Path dir;

  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = HitTool.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"import", "validate", "show", "verify-codes"})
  void everyCommand_hasHelp(String command) {
    Run run = run(command, "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: hit-tool " + command).contains("-h, --help");
  }

  @Test
  void noCommand_printsTheUsage_andFails() {
    Run run = run();

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Usage: hit-tool").contains("import").contains("validate").contains("show");
  }

  @Test
  void validate_aGoodManifest_describesTheHits() {
    Path manifest = Fixtures.write(Fixtures.manifest("study", 3, 96, 4), dir.resolve("m.json"));

    Run run = run("validate", manifest.toString(), "--pages", "3", "--positive-controls", "2",
        "--negative-controls", "2");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("is valid: dataset 'study': 3 classes, 300 images (288 candidates, 12 controls)")
        .contains("It builds 3 HITs (study-hit-0001 .. study-hit-0003), 9 pages, 288 candidates placed");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void validate_aBadManifest_namesEveryProblem_andFails() throws Exception {
    Path manifest = Files.writeString(dir.resolve("bad.json"), """
        {"dataset": "a b",
         "classes": [{"id": "c", "wnid": "n00000001", "synset": ["c"], "description": "x"}],
         "images": [
           {"id": "i1", "url": "/i1.jpg", "classID": "c"},
           {"id": "i1", "url": "/i2.jpg", "classID": "nope"}]}""");

    Run run = run("validate", manifest.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains("error: " + manifest + ":1: dataset: 'a b' may hold only letters")
        .contains("error: " + manifest + ":5: images[1].id: duplicate image id 'i1'")
        .contains("error: " + manifest + ":5: images[1].classID: 'nope' is not a class id of this manifest")
        .contains("hit-tool: " + manifest + " has 3 errors; nothing was written.");
  }

  @Test
  void validate_tooFewImagesForTheOptions_isAnInputError() {
    Path manifest = Fixtures.write(Fixtures.manifest("study", 2, 10, 0), dir.resolve("m.json"));

    Run run = run("validate", manifest.toString(), "--positive-controls", "1");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("error: class 'c0': has 10 candidate image(s), but a page needs 47 candidates")
        .contains("error: class 'c0': has 0 control image(s)")
        .contains("cannot build the HITs (4 errors); nothing was written.");
  }

  @Test
  void import_withABadManifest_failsBeforeTouchingDynamoDb_andWritesNoCsv() throws Exception {
    Path manifest = Files.writeString(dir.resolve("bad.json"), "{\"dataset\": \"d\", \"classes\": []}");
    Path csv = dir.resolve("batch.csv");

    // the endpoint is never called: nothing listens there
    Run run = run("import", manifest.toString(), "--csv", csv.toString(), "--tool-link", "https://a.example.org/",
        "--dynamo-endpoint", "http://127.0.0.1:9");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("classes: a manifest needs at least one class")
        .contains("nothing was written");
    assertThat(csv).doesNotExist();
  }

  @Test
  void import_unreachableDynamoDb_isReportedWithTheEndpoint_andWritesNoCsv() {
    Path manifest = Fixtures.write(Fixtures.manifest("study", 1, 48, 0), dir.resolve("m.json"));
    Path csv = dir.resolve("batch.csv");

    Run run = run("import", manifest.toString(), "--csv", csv.toString(), "--tool-link", "https://a.example.org/",
        "--dynamo-endpoint", "http://127.0.0.1:9", "--call-timeout", "3");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(run.err()).contains("DynamoDB failed (table ImageNetHIT at http://127.0.0.1:9)")
        .contains("Is DynamoDB running there?").contains("The batch CSV was not written.");
    assertThat(csv).doesNotExist();
  }

  @Test
  void import_whereTheCsvCannotBeWritten_failsBeforeAnyHitIsWritten() throws Exception {
    Path manifest = Fixtures.write(Fixtures.manifest("study", 1, 48, 0), dir.resolve("m.json"));
    Path notAFolder = Files.writeString(dir.resolve("file"), "x");

    Run run = run("import", manifest.toString(), "--csv", notAFolder.resolve("batch.csv").toString(),
        "--tool-link", "https://a.example.org/", "--dynamo-endpoint", "http://127.0.0.1:9");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(run.err()).contains("cannot create the folder of --csv").contains("nothing was written");
    assertThat(run.err()).doesNotContain("DynamoDB");
  }

  @Test
  void validate_aManifestWithoutDataset_saysSo() throws Exception {
    Path manifest = Files.writeString(dir.resolve("m.json"), """
        {"classes": [{"id": "c", "wnid": "n00000001", "synset": ["c"], "description": "x"}],
         "images": [{"id": "i", "url": "/i.jpg", "classID": "c"}]}""");

    Run run = run("validate", manifest.toString(), "--images-per-page", "1");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("error: " + manifest + ": dataset: is missing: name the dataset (it becomes the"
        + " HITs' hitDatasetName)");
  }

  @Test
  void usageErrors_nameTheOption() {
    Run unknown = run("validate", "m.json", "--page", "3");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("Unknown options: '--page', '3'").contains("Possible solutions: --pages");

    Path manifest = Fixtures.write(Fixtures.manifest("study", 1, 48, 0), dir.resolve("m.json"));
    String m = manifest.toString();

    Run missing = run("import", m, "--tool-link", "https://a.example.org/");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("Missing required option: '--csv=FILE'");

    Run version = run("import", m, "--csv", "b.csv", "--tool-link", "https://a.example.org/", "--version", "BLUR");
    assertThat(version.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(version.err()).contains("Invalid value for option '--version'")
        .contains("'BLUR' is not POINTER_ORIGINAL, NO_POINTER_ORIGINAL, POINTER_NO_ORIGINAL, NO_POINTER_NO_ORIGINAL"
            + " or random");

    Run link = run("import", m, "--csv", "b.csv", "--tool-link", "annotate.example.org");
    assertThat(link.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(link.err()).contains("--tool-link 'annotate.example.org' must be an absolute http(s) URL");

    Run pages = run("validate", m, "--pages", "0", "--images-per-page", "2", "--positive-controls", "2");
    assertThat(pages.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(pages.err()).contains("--pages must be at least 1, was 0")
        .contains("a page of 2 images has no room for candidates after 2 positive and 0 negative controls");

    Run table = run("show", "--dataset", "d", "--hit", "h", "--table", "a b");
    assertThat(table.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(table.err()).contains("--table 'a b' must be 3 to 255 letters");

    Run notANumber = run("validate", m, "--repeats", "two");
    assertThat(notANumber.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(notANumber.err()).contains("Invalid value for option '--repeats': 'two' is not an int");
  }
}
