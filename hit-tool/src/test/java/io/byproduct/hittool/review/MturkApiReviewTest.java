package io.byproduct.hittool.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.hittool.commands.HitTool;
import io.byproduct.platform.workers.SurveyCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** {@code hit-tool review --api} against a local MTurk double: signed JSON 1.1 calls, paging, throttling, idempotence. */
class MturkApiReviewTest {

  static final String ACCESS_KEY = "AKIDREVIEWTEST0001";
  static final String SECRET = "review-test-secret-key-do-not-print-0123";
  static final String KEY = "the-gateways-survey-code-key-0123456789";
  static final SurveyCodes CODES = new SurveyCodes(KEY);

  @TempDir
  Path dir;

  MturkDouble mturk;
  SdkHttpClient http;

  @BeforeEach
  void start() throws Exception {
    mturk = new MturkDouble(ACCESS_KEY, 2);
    http = UrlConnectionHttpClient.create();
    mturk.add("3ASG1", "3HIT1", "A1HONEST", "Submitted", MturkDouble.answer(CODES.code("3HIT1", "A1HONEST", "3ASG1")));
    mturk.add("3ASG2", "3HIT1", "A2GUESS", "Submitted", MturkDouble.answer("FFFFFF"));
    mturk.add("3ASG3", "3HIT1", "A3DONE", "Approved", MturkDouble.answer(CODES.code("3HIT1", "A3DONE", "3ASG3")));
    mturk.add("3ASG4", "3HIT2", "A4HONEST", "Submitted", MturkDouble.answer(CODES.code("3HIT2", "A4HONEST", "3ASG4")));
    mturk.add("3ASG5", "3HIT2", "A5GONE", "Rejected", MturkDouble.answer("000000"));
  }

  @AfterEach
  void stop() {
    http.close();
    mturk.close();
  }

  MturkClient client(String secret) {
    return new MturkClient(http, StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, secret)),
        mturk.endpoint(), 4, Duration.ofMillis(10));
  }

  ApiReview.Result review(boolean execute, StringWriter printed) {
    return new ApiReview(client(SECRET), new ReviewPolicy(CODES, FlagsSource.none()), new PrintWriter(printed, true))
        .run(java.util.List.of("3HIT1", "3HIT2"), execute);
  }

  @Test
  void dryRun_listsEveryPage_printsTheSummary_andChangesNothing() {
    StringWriter printed = new StringWriter();
    ApiReview.Result result = review(false, printed);

    assertThat(result.summary().counts()).containsEntry("approve", 2).containsEntry("reject: wrong-survey-code", 1)
        .containsEntry("skip: already Approved", 1).containsEntry("skip: already Rejected", 1);
    assertThat(printed.toString()).contains("dry run: nothing sent");
    assertThat(mturk.calls("ApproveAssignment") + mturk.calls("RejectAssignment")).isZero();
    // 3 assignments of 3HIT1 in pages of 2: a second page asked for with the NextToken
    assertThat(mturk.bodies).anySatisfy(b -> assertThat(b.path("NextToken").asString("")).isEqualTo("page-2"));
    assertThat(mturk.refused).hasValue(0);
  }

  @Test
  void execute_approvesAndRejects_retriesThrottling_andASecondRunChangesNothing() {
    mturk.throttleNext(2);
    StringWriter printed = new StringWriter();
    ApiReview.Result first = review(true, printed);

    assertThat(first.approved()).isEqualTo(2);
    assertThat(first.rejected()).isEqualTo(1);
    assertThat(first.failed()).isZero();
    assertThat(mturk.throttled).hasValue(2);
    assertThat(mturk.assignments.get("3ASG1").status).isEqualTo("Approved");
    assertThat(mturk.assignments.get("3ASG4").status).isEqualTo("Approved");
    assertThat(mturk.assignments.get("3ASG2").status).isEqualTo("Rejected");
    assertThat(mturk.assignments.get("3ASG2").feedback).isEqualTo(ReviewPolicy.WRONG_CODE.reason());
    assertThat(mturk.assignments.get("3ASG5").status).isEqualTo("Rejected");

    long decisions = mturk.calls("ApproveAssignment") + mturk.calls("RejectAssignment");
    ApiReview.Result second = review(true, new StringWriter());
    assertThat(second.approved() + second.rejected() + second.failed()).isZero();
    assertThat(mturk.calls("ApproveAssignment") + mturk.calls("RejectAssignment")).isEqualTo(decisions);
    assertThat(second.summary().counts()).containsEntry("skip: already Approved", 3)
        .containsEntry("skip: already Rejected", 2);
  }

  @Test
  void throttledForever_failsAfterTheAttempts_withMturksMessage() {
    mturk.throttleNext(100);
    assertThatThrownBy(() -> client(SECRET).listAssignmentsForHit("3HIT1"))
        .isInstanceOf(MturkClient.MturkException.class).hasMessageContaining("ThrottlingException")
        .hasMessageContaining("Rate exceeded");
    assertThat(mturk.throttled).hasValue(4);
  }

  @Test
  void anAnswerWithAnExternalEntity_isNotResolved_andTheAssignmentIsRejected() throws Exception {
    // attack: the worker's answer makes the requester's machine read a file holding a real code
    Path stolen = Files.writeString(dir.resolve("code.txt"), CODES.code("3HIT3", "A6XXE", "3ASG6"));
    mturk.add("3ASG6", "3HIT3", "A6XXE", "Submitted", "<?xml version=\"1.0\"?><!DOCTYPE q [<!ENTITY c SYSTEM \""
        + stolen.toUri() + "\">]><QuestionFormAnswers><Answer><QuestionIdentifier>surveycode</QuestionIdentifier>"
        + "<FreeText>&c;</FreeText></Answer></QuestionFormAnswers>");

    ApiReview.Result result = new ApiReview(client(SECRET), new ReviewPolicy(CODES, FlagsSource.none()),
        new PrintWriter(new StringWriter())).run(java.util.List.of("3HIT3"), true);

    assertThat(result.rejected()).isEqualTo(1);
    assertThat(mturk.assignments.get("3ASG6").status).isEqualTo("Rejected");
  }

  @Test
  void commandLine_signsWithTheDefaultChainsCredentials_andNeverPrintsThem() throws Exception {
    Path key = Files.writeString(dir.resolve("key"), KEY);
    System.setProperty("aws.accessKeyId", ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", SECRET);
    try {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = HitTool.newCommandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));

      int code = cli.execute("review", "--api", "--endpoint", mturk.endpoint().toString(), "--hit-id", "3HIT1",
          "--hit-id", "3HIT2", "--key-file", key.toString(), "--flags", "none", "--execute");

      assertThat(code).as(out + "\n" + err).isZero();
      assertThat(out.toString()).contains("review: 2 approved, 1 rejected, 0 failed");
      assertThat(out + err.toString()).doesNotContain(SECRET).doesNotContain(ACCESS_KEY);
      assertThat(mturk.refused).hasValue(0);
      assertThat(mturk.assignments.get("3ASG2").status).isEqualTo("Rejected");
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void anUnsignedRequest_isRefusedByTheDouble() throws Exception {
    // the double is strict: a request without SigV4 gets 403, so the tests above prove the client signs
    java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(mturk.endpoint())
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "MTurkRequesterServiceV20170117.ApproveAssignment")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"AssignmentId\":\"3ASG2\"}")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(mturk.assignments.get("3ASG2").status).isEqualTo("Submitted");
  }
}
