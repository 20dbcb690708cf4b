package io.byproduct.hittool.batch;

import io.byproduct.hittool.hits.BuiltHit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The MTurk batch CSV for {@code amt-question-form.html}: a header
 * {@code toolLink,version,hitDatasetName,imageNetHitId} and one row per HIT, written to a temporary
 * file beside the target and renamed, so the file is either complete or absent.
 */
public final class BatchCsv {

  public static final List<String> HEADER = List.of("toolLink", "version", "hitDatasetName", "imageNetHitId");

  /** One line of the batch: one MTurk HIT. */
  public record Row(String toolLink, String version, String hitDatasetName, String imageNetHitId) {
    List<String> fields() {
      return List.of(toolLink, version, hitDatasetName, imageNetHitId);
    }
  }

  private BatchCsv() {}

  /** The problem with a tool link, or {@code null}: it must be an absolute http(s) URL. */
  public static String toolLinkProblem(String toolLink) {
    try {
      URI uri = new URI(toolLink);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return null;
      }
    } catch (URISyntaxException e) {
      return "'" + toolLink + "' is not a valid URL: " + e.getReason();
    }
    return "'" + toolLink + "' must be an absolute http(s) URL of the worker's page, e.g. https://annotate.example.org/";
  }

  /** One row per HIT, in HIT order; versions as chosen, {@code random} balanced and shuffled from the seed. */
  public static List<Row> rows(List<BuiltHit> hits, String toolLink, VersionChoice versions, long seed) {
    String problem = toolLinkProblem(toolLink);
    if (problem != null) {
      throw new IllegalArgumentException("--tool-link " + problem);
    }
    List<InterfaceVersion> assigned = assign(hits.size(), versions, seed);
    List<Row> rows = new ArrayList<>(hits.size());
    for (int i = 0; i < hits.size(); i++) {
      BuiltHit hit = hits.get(i);
      rows.add(new Row(toolLink, assigned.get(i).name(), hit.dataset(), hit.id()));
    }
    return rows;
  }

  static List<InterfaceVersion> assign(int count, VersionChoice versions, long seed) {
    InterfaceVersion[] all = InterfaceVersion.values();
    List<InterfaceVersion> assigned = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      assigned.add(versions.isRandom() ? all[i % all.length] : versions.fixed());
    }
    if (versions.isRandom()) {
      Random random = new Random(seed * 0x9E3779B97F4A7C15L + 0x76657273L);
      for (int i = assigned.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        InterfaceVersion swapped = assigned.get(i);
        assigned.set(i, assigned.get(j));
        assigned.set(j, swapped);
      }
    }
    return assigned;
  }

  public static String toCsv(List<Row> rows) {
    return toCsv(HEADER, rows.stream().map(Row::fields).toList());
  }

  /** Any table as CSV: RFC 4180 quoting, CRLF line ends (what MTurk writes and reads). */
  public static String toCsv(List<String> header, List<List<String>> rows) {
    StringBuilder text = new StringBuilder();
    line(text, header);
    rows.forEach(row -> line(text, row));
    return text.toString();
  }

  /** Writes the batch to {@code file}: complete, or not at all (an earlier file stays as it was on failure). */
  public static Path write(Path file, List<Row> rows) {
    return writeAtomically(file, toCsv(rows), "the batch CSV");
  }

  /** Writes {@code text} to {@code file} through a temporary file and a rename: complete, or not at all. */
  public static Path writeAtomically(Path file, String text, String what) {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        out.write(text);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + what + " " + file + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort: the temporary file is hidden and named after the target
        }
      }
    }
  }

  private static void line(StringBuilder text, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(quoted(fields.get(i)));
    }
    text.append("\r\n");
  }

  static String quoted(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0
        && field.strip().length() == field.length()) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }
}
