package io.byproduct.hittool.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.hittool.manifest.ImagesCsv;
import io.byproduct.platform.workers.SurveyCodes;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload CSV from a realistic Batch_results.csv: MTurk's columns kept, Approve/Reject filled, attacks rejected. */
class CsvReviewTest {

  static final String KEY = "the-gateways-survey-code-key-0123456789";
  static final SurveyCodes CODES = new SurveyCodes(KEY);

  /** MTurk's batch results columns (as downloaded), our batch's inputs, the survey code answer, Approve, Reject. */
  static final List<String> HEADER = List.of("HITId", "HITTypeId", "Title", "Description", "Keywords", "Reward",
      "CreationTime", "MaxAssignments", "RequesterAnnotation", "AssignmentDurationInSeconds",
      "AutoApprovalDelayInSeconds", "Expiration", "NumberOfSimilarHITs", "LifetimeInSeconds", "AssignmentId", "WorkerId",
      "AssignmentStatus", "AcceptTime", "SubmitTime", "AutoApprovalTime", "ApprovalTime", "RejectionTime",
      "RequesterFeedback", "WorkTimeInSeconds", "LifetimeApprovalRate", "Last30DaysApprovalRate",
      "Last7DaysApprovalRate", "Input.toolLink", "Input.version", "Input.hitDatasetName", "Input.imageNetHitId",
      "Answer.surveycode", "Approve", "Reject");

  @TempDir
  Path dir;

  static String row(String hit, String assignment, String worker, String status, String code) {
    List<String> f = List.of(hit, "3TYPE0000000000000000000000000", "Select images of a \"tench\", a fish",
        "Click every image that shows the class", "image, labelling", "$1.00", "Thu Dec 03 09:00:00 PST 2026", "3",
        "BatchId:5000001;", "3600", "259200", "Sun Dec 06 09:00:00 PST 2026", "", "259200", assignment, worker, status,
        "Thu Dec 03 09:10:00 PST 2026", "Thu Dec 03 09:25:00 PST 2026", "Sun Dec 06 09:25:00 PST 2026",
        status.equals("Approved") ? "Thu Dec 03 10:00:00 PST 2026" : "", "", "", "900", "0% (0/0)", "0% (0/0)",
        "0% (0/0)", "https://annotate.example.org/", "POINTER_ORIGINAL", "study", "hit-1", code, "", "");
    StringBuilder line = new StringBuilder();
    for (String field : f) {
      line.append(line.isEmpty() ? "" : ",").append('"').append(field.replace("\"", "\"\"")).append('"');
    }
    return line.toString();
  }

  static Path batchResults(Path dir, String... rows) throws Exception {
    StringBuilder text = new StringBuilder();
    text.append(String.join(",", HEADER.stream().map(h -> '"' + h + '"').toList())).append("\r\n");
    for (String row : rows) {
      text.append(row).append("\r\n");
    }
    return Files.writeString(dir.resolve("Batch_5000001_batch_results.csv"), text);
  }

  static List<List<String>> readCsv(Path file) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    for (ImagesCsv.Row row : ImagesCsv.parse(new StringReader(Files.readString(file)), file.toString(),
        new ArrayList<>())) {
      rows.add(row.fields());
    }
    return rows;
  }

  @Test
  void review_fillsApproveAndReject_keepsEveryOtherColumn_andLeavesDecidedAssignmentsAlone() throws Exception {
    Path results = batchResults(dir,
        row("3HIT1", "3ASG1", "A1HONEST", "Submitted", CODES.code("3HIT1", "A1HONEST", "3ASG1").toLowerCase() + " "),
        // attack: the original front end's code, which every worker could see
        row("3HIT1", "3ASG2", "A2GUESS", "Submitted", "FFFFFF"),
        // attack: another worker's real code, pasted by a friend
        row("3HIT1", "3ASG3", "A3COPY", "Submitted", CODES.code("3HIT1", "A1HONEST", "3ASG1")),
        // a real code, but the stored pages are flagged
        row("3HIT2", "3ASG4", "A4FAST", "Submitted", CODES.code("3HIT2", "A4FAST", "3ASG4")),
        // decided on MTurk already: left alone even with a wrong code
        row("3HIT2", "3ASG5", "A5DONE", "Approved", "000000"));
    FlagsSource flags = assignment -> assignment.assignmentId().equals("3ASG4")
        ? List.of(new Flag("too-fast", "Your pages took 2.0 seconds each (median), too little to look at the images."))
        : List.of();
    StringWriter printed = new StringWriter();
    Path upload = dir.resolve("upload.csv");

    ReviewSummary summary = new CsvReview(new ReviewPolicy(CODES, flags), new PrintWriter(printed))
        .run(BatchResults.read(results), upload);

    assertThat(summary.counts()).isEqualTo(Map.of("approve", 1, "reject: wrong-survey-code", 2,
        "reject: too-fast", 1, "skip: already Approved", 1));
    assertThat(printed.toString()).contains("review: 5 assignment(s)", "    2  reject: wrong-survey-code",
        "    1  skip: already Approved").doesNotContain("A1HONEST", "A2GUESS");
    List<List<String>> in = readCsv(results);
    List<List<String>> out = readCsv(upload);
    assertThat(out.get(0)).isEqualTo(HEADER);
    int approve = HEADER.indexOf("Approve");
    int reject = HEADER.indexOf("Reject");
    for (int i = 1; i < in.size(); i++) {
      assertThat(out.get(i).subList(0, approve)).as("row %d's other columns", i).isEqualTo(in.get(i).subList(0, approve));
    }
    assertThat(out.get(1).subList(approve, reject + 1)).containsExactly("x", "");
    assertThat(out.get(2).subList(approve, reject + 1)).containsExactly("", ReviewPolicy.WRONG_CODE.reason());
    assertThat(out.get(3).subList(approve, reject + 1)).containsExactly("", ReviewPolicy.WRONG_CODE.reason());
    assertThat(out.get(4).subList(approve, reject + 1))
        .containsExactly("", "Your pages took 2.0 seconds each (median), too little to look at the images.");
    assertThat(out.get(5).subList(approve, reject + 1)).containsExactly("", "");
  }

  @Test
  void resultsWithoutApproveAndRejectColumns_getThem() throws Exception {
    Path results = Files.writeString(dir.resolve("r.csv"), "HITId,AssignmentId,WorkerId,AssignmentStatus,Answer.surveycode\r\n"
        + "3HIT1,3ASG1,A1,Submitted," + CODES.code("3HIT1", "A1", "3ASG1") + "\r\n");
    Path upload = dir.resolve("upload.csv");
    new CsvReview(new ReviewPolicy(CODES, FlagsSource.none()), new PrintWriter(new StringWriter()))
        .run(BatchResults.read(results), upload);
    assertThat(readCsv(upload)).containsExactly(
        List.of("HITId", "AssignmentId", "WorkerId", "AssignmentStatus", "Answer.surveycode", "Approve", "Reject"),
        List.of("3HIT1", "3ASG1", "A1", "Submitted", CODES.code("3HIT1", "A1", "3ASG1"), "x", ""));
  }

  @Test
  void aTruncatedRow_isRefused_notRejected() throws Exception {
    Path results = Files.writeString(dir.resolve("r.csv"), "HITId,AssignmentId,WorkerId,AssignmentStatus,Answer.surveycode\r\n"
        + "3HIT1,3ASG1,A1\r\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BatchResults.read(results))
        .hasMessageContaining(":2: 3 columns, the header has 5");
  }

  @Test
  void manyFlags_feedbackIsCutToMturksLimit() {
    List<Flag> flags = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      flags.add(new Flag("f" + i, "A reason that is quite long, to fill the feedback the worker reads on MTurk."));
    }
    Decision decision = Decision.reject(flags);
    assertThat(decision.feedback()).hasSize(Decision.MAX_FEEDBACK).endsWith("…");
  }
}
