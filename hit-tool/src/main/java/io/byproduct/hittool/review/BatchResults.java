package io.byproduct.hittool.review;

import io.byproduct.hittool.batch.BatchCsv;
import io.byproduct.hittool.manifest.ImagesCsv;
import io.byproduct.hittool.manifest.Problem;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MTurk's batch results CSV (the "Download CSV" of a batch): every column kept as it is, and the
 * two columns MTurk reads back on upload filled in — {@code Approve} ("x") or {@code Reject} (the
 * reason the worker reads). Rows left alone keep both empty.
 */
public final class BatchResults {

  static final List<String> REQUIRED = List.of("HITId", "AssignmentId", "WorkerId", "AssignmentStatus",
      "Answer.surveycode");

  private final List<String> header;
  private final List<List<String>> rows;

  private BatchResults(List<String> header, List<List<String>> rows) {
    this.header = header;
    this.rows = rows;
  }

  /** Reads the file; refuses one without MTurk's columns or with a row shorter than the header. */
  public static BatchResults read(Path file) throws IOException {
    List<Problem> problems = new ArrayList<>();
    List<ImagesCsv.Row> parsed;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      parsed = ImagesCsv.parse(reader, file.toString(), problems);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.get(0).toString());
    }
    if (parsed.isEmpty()) {
      throw new IllegalArgumentException(file + ": empty");
    }
    List<String> header = new ArrayList<>(parsed.get(0).fields());
    for (String column : REQUIRED) {
      if (index(header, column) < 0) {
        throw new IllegalArgumentException(file + ": no column '" + column + "' (MTurk's batch results CSV has "
            + String.join(", ", REQUIRED) + ")");
      }
    }
    for (String column : List.of("Approve", "Reject")) {
      if (index(header, column) < 0) {
        header.add(column);
      }
    }
    int columns = parsed.get(0).fields().size();
    List<List<String>> rows = new ArrayList<>();
    for (ImagesCsv.Row row : parsed.subList(1, parsed.size())) {
      if (row.fields().size() < columns) {
        throw new IllegalArgumentException(file + ":" + row.line() + ": " + row.fields().size() + " columns, the header"
            + " has " + columns + " (a truncated file?)");
      }
      List<String> fields = new ArrayList<>(row.fields());
      while (fields.size() < header.size()) {
        fields.add("");
      }
      rows.add(fields);
    }
    return new BatchResults(header, rows);
  }

  public int size() {
    return rows.size();
  }

  /** The row as the policy sees it. */
  public ReviewPolicy.Submission submission(int row) {
    List<String> f = rows.get(row);
    return new ReviewPolicy.Submission(get(f, "HITId"), get(f, "AssignmentId"), get(f, "WorkerId"),
        get(f, "AssignmentStatus"), get(f, "Answer.surveycode"));
  }

  /** The distinct HIT ids, in file order. */
  public List<String> hitIds() {
    return rows.stream().map(f -> get(f, "HITId")).filter(id -> !id.isBlank()).distinct().toList();
  }

  /** Fills {@code Approve} / {@code Reject} of a row from the decision; a skipped row keeps both empty. */
  public void apply(int row, Decision decision) {
    List<String> f = rows.get(row);
    f.set(index(header, "Approve"), decision.action() == Decision.Action.APPROVE ? "x" : "");
    f.set(index(header, "Reject"), decision.action() == Decision.Action.REJECT ? decision.feedback() : "");
  }

  /** Writes the file for MTurk's upload: complete or absent. */
  public void write(Path file) {
    BatchCsv.writeAtomically(file, BatchCsv.toCsv(header, rows), "the review upload CSV");
  }

  private String get(List<String> fields, String column) {
    return fields.get(index(header, column));
  }

  private static int index(List<String> header, String column) {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).equalsIgnoreCase(column)) {
        return i;
      }
    }
    return -1;
  }
}
