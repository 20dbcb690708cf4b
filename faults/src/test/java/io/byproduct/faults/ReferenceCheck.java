package io.byproduct.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.bench.oracle.ReferenceRecords;
import io.byproduct.bench.script.PageScript;
import io.byproduct.platform.pages.PageReader;
import io.byproduct.platform.workers.WorkerPseudonyms;
import io.byproduct.schemas.json.SeedJson;
import io.byproduct.schemas.record.ImageRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;
import tools.jackson.databind.JsonNode;

/**
 * The fault tests' verdict: every page of every session, as stored in DynamoDB, equals the records
 * the independent oracle ({@link ReferenceRecords}) computes from the script, image by image. A
 * lost acknowledged event or one folded twice changes a count, a hover or a tracked point.
 */
final class ReferenceCheck {

  private ReferenceCheck() {}

  static void assertStoredPagesEqualReference(SystemParts parts, List<Workload.Session> sessions, Duration timeout)
      throws InterruptedException {
    PageReader pages = parts.pages();
    WorkerPseudonyms pseudonyms = parts.pseudonyms();
    long deadline = System.nanoTime() + timeout.toNanos();
    SoftAssertions softly = new SoftAssertions();
    for (Workload.Session session : sessions) {
      String pseudonym = pseudonyms.pseudonymise(session.worker().workerId());
      for (PageScript script : session.pages()) {
        Optional<JsonNode> stored = awaitPage(pages, session.worker().annotationId(), script.pageNo(), deadline);
        softly.assertThat(stored).as("page %d of %s stored", script.pageNo(), session.worker().annotationId()).isPresent();
        if (stored.isEmpty()) {
          continue;
        }
        List<ImageRecord> expected = ReferenceRecords.of(script, pseudonym);
        JsonNode annotations = stored.get().get("annotations");
        softly.assertThat(annotations.size()).isEqualTo(expected.size());
        for (int i = 0; i < Math.min(annotations.size(), expected.size()); i++) {
          softly.assertThat(SeedJson.fromTree(annotations.get(i)))
              .as("image %d of page %d of %s", i, script.pageNo(), session.worker().annotationId())
              .isEqualTo(expected.get(i));
        }
      }
    }
    softly.assertAll();
  }

  private static Optional<JsonNode> awaitPage(PageReader pages, String annotationId, int pageNo, long deadline)
      throws InterruptedException {
    while (true) {
      Optional<JsonNode> page = pages.read(annotationId, pageNo);
      if (page.isPresent() || System.nanoTime() > deadline) {
        return page;
      }
      Thread.sleep(200);
    }
  }

  /** Every worker's frames were all acknowledged, and no frame of theirs was refused. */
  static void assertEveryFrameAcknowledged(List<OutboxWorker> workers, List<Workload.Session> sessions) {
    for (int i = 0; i < workers.size(); i++) {
      assertThat(workers.get(i).acked()).as("acked of %s", sessions.get(i).worker().annotationId())
          .isEqualTo(sessions.get(i).lastSeq());
      assertThat(workers.get(i).errors()).as("errors answered to a valid worker").allMatch("not-durable"::equals);
    }
  }
}
