import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Counts the skipped tests in a build's surefire and failsafe reports and prints why, so a test that
 * could not run is never a silent pass. {@code ./test} runs it at the end of every run (a single-file
 * program: {@code java .ci/SkipSummary.java [--newer FILE] [ROOT]}, nothing to compile first).
 *
 * <p>ROOT (default {@code .}) holds the modules; their reports are
 * {@code ROOT/MODULE/target/{surefire,failsafe}-reports/TEST-*.xml}. {@code --newer FILE} reads only
 * the reports written after FILE was (reports a run did not rewrite are stale). A skipped test whose
 * reason carries {@code [missing tool: NAME]} ({@code io.byproduct.localinfra.MissingTool}) is counted
 * per module and tool on one line:
 *
 * <pre>skipped for missing tools: 43 tests in browser-tests (no chromium), 2 tests in deploy (no docker-compose)</pre>
 *
 * <p>then the tests skipped for other reasons, counted by module and reason. Exit code 0; 2 for
 * wrong arguments, 1 for a report that cannot be read.
 */
public class SkipSummary {

  static final Pattern MISSING_TOOL = Pattern.compile("\\[missing tool: ([a-z0-9][a-z0-9.-]*)\\]");
  private static final Pattern EXCEPTION_PREFIX = Pattern.compile("^[\\w.$]+(?:Exception|Error): ");
  private static final String ASSUMPTION_PREFIX = "Assumption failed: ";
  private static final int MAX_OTHER_REASONS = 20;

  record Skip(String module, String reason) {
  }

  public static void main(String[] args) throws Exception {
    FileTime newer = null;
    int i = 0;
    if (args.length >= 2 && args[0].equals("--newer")) {
      newer = Files.getLastModifiedTime(Path.of(args[1]));
      i = 2;
    }
    if (args.length > i + 1 || (args.length == 1 && args[0].equals("--newer"))) {
      System.err.println("usage: java .ci/SkipSummary.java [--newer FILE] [ROOT]");
      System.exit(2);
    }
    Path root = Path.of(args.length > i ? args[i] : ".");
    List<Path> reports = reports(root, newer);
    List<Skip> skips = new ArrayList<>();
    int tests = 0;
    for (Path report : reports) {
      tests += read(report, skips);
    }
    System.out.print(summary(reports.size(), tests, skips));
  }

  static List<Path> reports(Path root, FileTime newer) throws IOException {
    try (Stream<Path> files = Files.find(root, 4, (path, attributes) -> isReport(root, path)
        && (newer == null || attributes.lastModifiedTime().compareTo(newer) > 0))) {
      return files.sorted().collect(Collectors.toList());
    }
  }

  private static boolean isReport(Path root, Path path) {
    Path relative = root.relativize(path);
    return relative.getNameCount() == 4 && relative.getName(1).toString().equals("target")
        && relative.getName(2).toString().matches("(surefire|failsafe)-reports")
        && relative.getFileName().toString().matches("TEST-.*\\.xml");
  }

  /** Adds the report's skipped tests to {@code skips}; returns how many tests it holds. */
  static int read(Path report, List<Skip> skips) throws Exception {
    String module = report.getName(report.getNameCount() - 4).toString();
    Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile()).getDocumentElement();
    NodeList testcases = suite.getElementsByTagName("testcase");
    for (int t = 0; t < testcases.getLength(); t++) {
      NodeList skipped = ((Element) testcases.item(t)).getElementsByTagName("skipped");
      if (skipped.getLength() > 0) {
        skips.add(new Skip(module, reason((Element) skipped.item(0))));
      }
    }
    return testcases.getLength();
  }

  /** A disabled test's reason is the message attribute; an aborted one's is the first line of its stack trace. */
  static String reason(Element skipped) {
    String reason = skipped.getAttribute("message").strip();
    if (reason.isEmpty()) {
      reason = skipped.getTextContent().strip().lines().findFirst().orElse("");
      reason = EXCEPTION_PREFIX.matcher(reason).replaceFirst("");
    }
    if (reason.startsWith(ASSUMPTION_PREFIX)) {
      reason = reason.substring(ASSUMPTION_PREFIX.length());
    }
    return reason.isEmpty() ? "(no reason given)" : reason;
  }

  static String summary(int reports, int tests, List<Skip> skips) {
    Map<String, Integer> missing = new TreeMap<>();
    Map<String, Integer> other = new TreeMap<>();
    for (Skip skip : skips) {
      Matcher tool = MISSING_TOOL.matcher(skip.reason());
      if (tool.find()) {
        missing.merge("in " + skip.module() + " (no " + tool.group(1) + ")", 1, Integer::sum);
      } else {
        other.merge("in " + skip.module() + ": " + skip.reason(), 1, Integer::sum);
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(reports == 0 ? "no test reports found (did the build stop before the tests?)\n"
        : "test reports: " + plural(reports, "file") + ", " + tests(tests) + ", " + skips.size() + " skipped\n");
    out.append("skipped for missing tools: ").append(missing.isEmpty() ? "none" : missing.entrySet().stream()
        .map(e -> tests(e.getValue()) + " " + e.getKey()).collect(Collectors.joining(", ")))
        .append('\n');
    if (!other.isEmpty()) {
      out.append("skipped for other reasons: ").append(tests(other.values().stream().mapToInt(n -> n).sum())).append('\n');
      other.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(MAX_OTHER_REASONS)
          .forEach(e -> out.append("  ").append(tests(e.getValue())).append(' ')
              .append(e.getKey()).append('\n'));
    }
    return out.toString();
  }

  private static String tests(int n) {
    return plural(n, "test");
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
