package io.byproduct.deploy.testcommand;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.localinfra.MissingTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .ci/SkipSummary.java}, the end of {@code ./test}'s output, run as {@code ./test} runs it
 * over reports shaped like the ones surefire and failsafe write: an aborted test (an assumption)
 * carries its reason in a stack trace, a disabled one (an execution condition) in the message.
 */
class SkipSummaryTest {

  private static final Path ROOT = Path.of(System.getProperty("byproduct.root", "..")).toAbsolutePath().normalize();

  @TempDir
  Path build;

  @Test
  void missingToolSkips_areCountedPerModuleAndTool_otherSkipsListedWithTheirReason() throws Exception {
    report("browser-tests", "failsafe", "AmtQuestionFormIT",
        aborted("link[1]", MissingTool.reason("chromium", "Browser test skipped: no Chromium at /usr/bin/chromium")),
        aborted("link[2]", MissingTool.reason("chromium", "Browser test skipped: no Chromium at /usr/bin/chromium")),
        aborted("page", MissingTool.reason("chromium", "Browser test skipped: no Chromium at /usr/bin/chromium")),
        passed("template"));
    report("deploy", "surefire", "ComposeFilesTest",
        aborted("single", MissingTool.reason("docker-compose", "docker-compose is not on the PATH")),
        passed("dynalite"));
    report("deploy", "failsafe", "ContainersIT",
        disabled("scenario", MissingTool.reason("docker", "Skipped: no Docker engine reachable (\"valid\" <env> & more)")));
    report("deploy", "failsafe", "ImageTarballsIT",
        aborted("entrypoint[1]", "Skipped: cannot mount /proc for the chroot"),
        aborted("entrypoint[2]", "Skipped: cannot mount /proc for the chroot"),
        disabled("config", "Skipped: the image tarballs were not built"),
        passed("layers"));
    Files.writeString(Files.createDirectories(build.resolve("deploy/target/failsafe-reports")).resolve("failsafe-summary.xml"),
        "<failsafe-summary><skipped>99</skipped></failsafe-summary>");

    assertThat(summarise()).containsExactly(
        "test reports: 4 files, 11 tests, 8 skipped",
        "skipped for missing tools: 3 tests in browser-tests (no chromium), 1 test in deploy (no docker),"
            + " 1 test in deploy (no docker-compose)",
        "skipped for other reasons: 3 tests",
        "  2 tests in deploy: Skipped: cannot mount /proc for the chroot",
        "  1 test in deploy: Skipped: the image tarballs were not built");
  }

  @Test
  void nothingSkipped_saysNone() throws Exception {
    report("gateway", "surefire", "IngestTest", passed("a"), passed("b"));

    assertThat(summarise()).containsExactly("test reports: 1 file, 2 tests, 0 skipped", "skipped for missing tools: none");
  }

  @Test
  void newer_leavesOutTheReportsOfEarlierRuns() throws Exception {
    Path stale = report("browser-tests", "failsafe", "WorkersPageIT",
        aborted("whole", MissingTool.reason("chromium", "no Chromium")));
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(3600)));
    Path marker = Files.createFile(build.resolve("run-started"));
    Files.setLastModifiedTime(marker, FileTime.from(Instant.now().minusSeconds(60)));
    report("deploy", "surefire", "ComposeFilesTest", passed("single"));

    assertThat(summarise("--newer", marker.toString())).containsExactly(
        "test reports: 1 file, 1 test, 0 skipped", "skipped for missing tools: none");
  }

  @Test
  void noReports_saysTheBuildStoppedBeforeTheTests() throws Exception {
    assertThat(summarise()).first().asString().startsWith("no test reports found");
  }

  private List<String> summarise(String... options) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        ROOT.resolve(".ci/SkipSummary.java").toString()));
    command.addAll(List.of(options));
    command.add(build.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out.lines().toList();
  }

  private Path report(String module, String plugin, String testClass, String... testcases) throws IOException {
    Path dir = Files.createDirectories(build.resolve(module).resolve("target").resolve(plugin + "-reports"));
    return Files.writeString(dir.resolve("TEST-io.byproduct." + testClass + ".xml"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"io.byproduct." + testClass + "\" tests=\""
            + testcases.length + "\">\n  <properties/>\n" + String.join("", testcases) + "</testsuite>\n");
  }

  private static String passed(String name) {
    return "  <testcase name=\"" + name + "\" classname=\"Test\" time=\"0.4\"/>\n";
  }

  /** As surefire writes a test stopped by a JUnit assumption: the reason in the stack trace. */
  private static String aborted(String name, String reason) {
    return "  <testcase name=\"" + name + "\" classname=\"Test\" time=\"0.0\">\n"
        + "    <skipped type=\"org.opentest4j.TestAbortedException\"><![CDATA[org.opentest4j.TestAbortedException:"
        + " Assumption failed: " + reason + "\n\tat org.junit.jupiter.api.Assumptions.throwAssumptionFailed"
        + "(Assumptions.java:340)\n]]></skipped>\n  </testcase>\n";
  }

  /** As surefire writes a test disabled by an execution condition: the reason in the message. */
  private static String disabled(String name, String reason) {
    String escaped = reason.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    return "  <testcase name=\"" + name + "\" classname=\"Test\" time=\"0.0\">\n    <skipped message=\"" + escaped
        + "\"/>\n  </testcase>\n";
  }
}
