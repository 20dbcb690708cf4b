package io.byproduct.hittool.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.platform.workers.SurveyCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCodesCommandTest {

  private static final String KEY = "the-gateways-secret-key-0123456789";

  @TempDir
  Path dir;

  private Path keyFile() throws Exception {
    return Files.writeString(dir.resolve("key"), KEY + "\n");
  }

  @Test
  void resultsCsv_eachAssignmentIsCheckedAgainstItsCode_andAGuessFails() throws Exception {
    String real = new SurveyCodes(KEY).code("3HIT", "A1WORKER", "3ASSIGN1");
    Path results = Files.writeString(dir.resolve("results.csv"), String.join("\n",
        "\"HITId\",\"HITTypeId\",\"AssignmentId\",\"WorkerId\",\"Answer.surveycode\"",
        "\"3HIT\",\"T\",\"3ASSIGN1\",\"A1WORKER\",\"" + real.toLowerCase() + "\"",
        "\"3HIT\",\"T\",\"3ASSIGN2\",\"A2WORKER\",\"FFFFFF\"", ""));

    HitToolCommandsTest.Run run = HitToolCommandsTest.run("verify-codes", "--key-file", keyFile().toString(),
        "--results", results.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_CODES);
    assertThat(run.out()).contains("3ASSIGN1,A1WORKER,3HIT," + real + ",true");
    assertThat(run.out()).contains("3ASSIGN2,A2WORKER,3HIT,FFFFFF,"
        + (new SurveyCodes(KEY).verify("3HIT", "A2WORKER", "3ASSIGN2", "FFFFFF")));
    assertThat(run.err()).contains("of 2 survey codes valid");
  }

  @Test
  void singleAssignment_withItsCode_isValid() throws Exception {
    String real = new SurveyCodes(KEY).code("3HIT", "A1WORKER", "3ASSIGN1");

    HitToolCommandsTest.Run run = HitToolCommandsTest.run("verify-codes", "--key-file", keyFile().toString(),
        "--hit-id", "3HIT", "--worker-id", "A1WORKER", "--assignment-id", "3ASSIGN1", "--code", real);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.err()).contains("1 of 1 survey codes valid");
  }

  @Test
  void resultsWithoutTheSurveyCodeColumn_sayWhatIsExpected() throws Exception {
    Path results = Files.writeString(dir.resolve("results.csv"), "HITId,AssignmentId,WorkerId\n3HIT,A,W\n");

    HitToolCommandsTest.Run run = HitToolCommandsTest.run("verify-codes", "--key-file", keyFile().toString(),
        "--results", results.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("Answer.surveycode");
  }
}
