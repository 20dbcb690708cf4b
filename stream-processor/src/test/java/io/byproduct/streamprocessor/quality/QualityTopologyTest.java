package io.byproduct.streamprocessor.quality;

import static io.byproduct.schemas.quality.ControlRole.NEGATIVE;
import static io.byproduct.schemas.quality.ControlRole.POSITIVE;
import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.schemas.quality.AssignmentQuality;
import io.byproduct.schemas.quality.ImageFrequency;
import io.byproduct.schemas.quality.ImageVotes;
import io.byproduct.schemas.quality.PageScore;
import io.byproduct.schemas.quality.QualityFlag;
import io.byproduct.schemas.quality.QualityFlagCode;
import io.byproduct.schemas.quality.VersionFrequency;
import io.byproduct.schemas.quality.WorkerQuality;
import io.byproduct.schemas.topics.Topics;
import io.byproduct.streamprocessor.quality.QualityDriver.Page;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The quality topology on its topics and stores, with known answers. */
class QualityTopologyTest {

  private QualityDriver q;

  @BeforeEach
  void start() {
    q = new QualityDriver(QualityThresholds.defaults());
    // page 1 asks for "cat": c1 a positive control, d1 a negative one; page 2 asks for "dog", no controls
    q.review("hit-1", Map.of(1, "cat", 2, "dog"), Map.of(1, Map.of("c1", POSITIVE, "d1", NEGATIVE)));
  }

  @AfterEach
  void stop() {
    q.close();
  }

  private static Page catPage(String annotation, String worker, String version) {
    return new Page(annotation, "hit-1", 1, worker, version).image("c1", true).image("d1", false);
  }

  @Test
  void selectionFrequency_perImageAndClass_splitByVersion() {
    q.send(catPage("a1", "w1", "v1").image("x", true).image("y", false).build());
    q.send(catPage("a2", "w2", "v1").image("x", true).image("y", true).build());
    q.send(catPage("a3", "w3", "v2").image("x", false).image("y", true).build());
    q.send(new Page("a1", "hit-1", 2, "w1", "v1").image("x", false).image("z", true).build());

    Map<String, ImageFrequency> images = QualityDriver.latest(q.images);

    ImageFrequency x = images.get("demo|cat|x");
    assertThat(x.getWorkers()).isEqualTo(3);
    assertThat(x.getSelections()).isEqualTo(2);
    assertThat(x.getFrequency()).isEqualTo(2.0 / 3);
    assertThat(x.getVersions()).containsExactly(new VersionFrequency("v1", 2, 2, 1.0),
        new VersionFrequency("v2", 1, 0, 0.0));
    assertThat(images.get("demo|cat|y").getFrequency()).isEqualTo(2.0 / 3);
    // the same image on a page of another class is another (image, class)
    assertThat(images.get("demo|dog|x").getWorkers()).isEqualTo(1);
    assertThat(images.get("demo|dog|x").getSelections()).isZero();
    // controls are not candidates: they have no selection frequency
    assertThat(images).doesNotContainKeys("demo|cat|c1", "demo|cat|d1");
  }

  @Test
  void resentPage_countsOnce() {
    var page = catPage("a1", "w1", "v1").image("x", true).build();
    q.send(page);
    q.send(page);
    q.send(page);

    AssignmentQuality a = QualityDriver.latest(q.assignments).get("a1");
    assertThat(a.getCounts().getPages()).isEqualTo(1);
    assertThat(QualityDriver.latest(q.images).get("demo|cat|x").getWorkers()).isEqualTo(1);
    assertThat(q.<WorkerQuality>stored(QualityTopology.WORKER_STORE, "demo|w1").getCounts().getPages()).isEqualTo(1);
  }

  @Test
  void revisedPage_replacesTheEarlierRevision() {
    q.send(catPage("a1", "w1", "v1").image("x", true).image("y", false).build());
    q.send(catPage("a1", "w1", "v1").image("x", false).image("y", true).build());

    Map<String, ImageFrequency> images = QualityDriver.latest(q.images);
    assertThat(images.get("demo|cat|x").getSelections()).isZero();
    assertThat(images.get("demo|cat|x").getWorkers()).isEqualTo(1);
    assertThat(images.get("demo|cat|y").getSelections()).isEqualTo(1);
    AssignmentQuality a = QualityDriver.latest(q.assignments).get("a1");
    assertThat(a.getCounts().getPages()).isEqualTo(1);
    assertThat(a.getCounts().getImagesSelected()).isEqualTo(2);
    PageScore stored = q.stored(QualityTopology.SCORED_PAGES_STORE, "a1|a1-p1");
    assertThat(stored.getCandidates()).extracting(c -> c.getImageId() + "=" + c.getSelected())
        .containsExactly("x=false", "y=true");
  }

  @Test
  void forgedPageIdOfAnotherAssignment_doesNotReplaceItsPage() {
    q.send(catPage("victim", "w1", "v1").pageId("p-1").image("x", true).build());
    // the attacker's browser reuses the victim's page id to overwrite its judgement
    q.send(catPage("attacker", "w2", "v1").pageId("p-1").image("x", false).build());

    ImageFrequency x = QualityDriver.latest(q.images).get("demo|cat|x");
    assertThat(x.getWorkers()).isEqualTo(2);
    assertThat(x.getSelections()).isEqualTo(1);
    assertThat(QualityDriver.latest(q.assignments).get("victim").getCounts().getPages()).isEqualTo(1);
  }

  @Test
  void abandonedPage_isNotCounted() {
    q.send(catPage("a1", "w1", "v1").image("x", true).abandoned().build());

    assertThat(q.assignments.isEmpty()).isTrue();
    assertThat(q.images.isEmpty()).isTrue();
    assertThat(q.<PageScore>stored(QualityTopology.SCORED_PAGES_STORE, "a1|a1-p1")).isNull();
  }

  @Test
  void oneWorkerOnManyPages_countsOncePerImage() {
    // the same worker sees x on two pages (two HIT assignments) and selects it once: 1 of 2 is no majority
    q.send(catPage("a1", "w1", "v1").image("x", true).build());
    q.send(catPage("a2", "w1", "v1").image("x", false).build());

    ImageFrequency x = QualityDriver.latest(q.images).get("demo|cat|x");
    assertThat(x.getWorkers()).isEqualTo(1);
    assertThat(x.getSelections()).isZero();
    ImageVotes votes = q.stored(QualityTopology.IMAGE_VOTES_STORE, "demo|cat|x");
    assertThat(votes.getVersions().get("v1").get("w1").getShown()).isEqualTo(2);
  }

  @Test
  void workersPerImage_areBounded() {
    QualityThresholds d = QualityThresholds.defaults();
    q.close();
    q = new QualityDriver(new QualityThresholds(d.tooFastPage(), d.tooFastShare(), d.allOrNoneShare(),
        d.minControls(), d.minPositiveAccuracy(), d.minNegativeAccuracy(), d.neverHoveredShare(),
        d.neverHoveredMinSelected(), d.maxPageTime(), 2));
    q.review("hit-1", Map.of(1, "cat"), Map.of());
    for (int w = 1; w <= 5; w++) {
      q.send(new Page("a" + w, "hit-1", 1, "w" + w, "v1").image("x", true).build());
    }

    ImageFrequency x = QualityDriver.latest(q.images).get("demo|cat|x");
    assertThat(x.getWorkers()).isEqualTo(2);
    assertThat(x.getWorkersRefused()).isEqualTo(3);
  }

  @Test
  void honestAssignment_hasScoresAndNoFlags() {
    q.send(catPage("a1", "w1", "v1").image("x", true).image("y", false).took(40_000).build());
    q.send(new Page("a1", "hit-1", 2, "w1", "v1").image("x", false).image("z", true).took(20_000).build());

    AssignmentQuality a = QualityDriver.latest(q.assignments).get("a1");
    assertThat(a.getHitId()).isEqualTo("hit-1");
    assertThat(a.getWorkerId()).isEqualTo("w1");
    assertThat(a.getPositiveAccuracy()).isEqualTo(1.0);
    assertThat(a.getNegativeAccuracy()).isEqualTo(1.0);
    assertThat(a.getMeanPageMillis()).isEqualTo(30_000L);
    assertThat(a.getSelectedShare()).isEqualTo(3.0 / 6);
    assertThat(a.getFlags()).isEmpty();
  }

  @Test
  void cheatingAssignment_isFlaggedWithReasons() {
    // selects everything, never points at what it selects, in 2 s a page, on pages with 2+2 controls
    for (int page = 1; page <= 2; page++) {
      q.review("hit-2", Map.of(1, "cat", 2, "cat"), Map.of(1, Map.of("c1", POSITIVE, "c2", POSITIVE,
          "d1", NEGATIVE, "d2", NEGATIVE), 2, Map.of("c3", POSITIVE, "c4", POSITIVE, "d3", NEGATIVE, "d4", NEGATIVE)));
    }
    q.send(new Page("a9", "hit-2", 1, "w9", "v1").took(2_000).image("c1", true, false).image("c2", true, false)
        .image("d1", true, false).image("d2", true, false).image("x", true, false).build());
    q.send(new Page("a9", "hit-2", 2, "w9", "v1").took(2_000).image("c3", false).image("c4", false)
        .image("d3", true, false).image("d4", true, false).image("x", true, false).build());

    AssignmentQuality a = QualityDriver.latest(q.assignments).get("a9");
    assertThat(a.getFlags()).extracting(QualityFlag::getCode).containsExactly(
        QualityFlagCode.FAILS_POSITIVE_CONTROLS, QualityFlagCode.FAILS_NEGATIVE_CONTROLS, QualityFlagCode.TOO_FAST,
        QualityFlagCode.SELECTED_NEVER_HOVERED);
    assertThat(a.getFlags()).extracting(QualityFlag::getReason).containsExactly(
        "selected 2 of 4 images known to show the class (50%); at least 75% expected",
        "selected 4 of 4 images known not to show the class; at most 25% expected",
        "2 of 2 pages took less than 10 s (more than 30%)",
        "8 of 8 selected images were never pointed at (more than 50%)");
    WorkerQuality w = QualityDriver.latest(q.workers).get("demo|w9");
    assertThat(w.getPositiveAccuracy()).isEqualTo(0.5);
    assertThat(w.getNegativeAccuracy()).isEqualTo(0.0);
    assertThat(w.getFlags()).extracting(QualityFlag::getCode).contains(QualityFlagCode.TOO_FAST);
  }

  @Test
  void allOrNoneSelected_isFlagged() {
    q.send(new Page("a1", "hit-1", 1, "w1", "v1").image("c1", true).image("x", true).build());
    q.send(new Page("a2", "hit-1", 2, "w2", "v1").image("x", false).image("y", false).build());

    Map<String, AssignmentQuality> assignments = QualityDriver.latest(q.assignments);
    assertThat(assignments.get("a1").getFlags()).extracting(QualityFlag::getCode)
        .containsExactly(QualityFlagCode.ALL_SELECTED);
    assertThat(assignments.get("a2").getFlags()).extracting(QualityFlag::getReason)
        .containsExactly("1 of 1 pages with no image selected (more than 50%)");
  }

  @Test
  void forgedClientTimes_areClampedToTheMaximumPageTime() {
    q.send(catPage("a1", "w1", "v1").took(-5_000).build());
    q.send(new Page("a2", "hit-1", 2, "w2", "v1").image("x", true).took(Long.MAX_VALUE / 4).build());

    Map<String, AssignmentQuality> a = QualityDriver.latest(q.assignments);
    assertThat(a.get("a1").getCounts().getPageMillis()).isZero();
    assertThat(a.get("a1").getCounts().getPagesTooFast()).isEqualTo(1);
    assertThat(a.get("a2").getCounts().getPageMillis()).isEqualTo(Duration.ofHours(1).toMillis());
  }

  @Test
  void pageOfAnUnknownHit_isCountedUnscoredAndFlagged() {
    q.send(new Page("a1", "no-such-hit", 1, "w1", "v1").image("x", true).build());

    AssignmentQuality a = QualityDriver.latest(q.assignments).get("a1");
    assertThat(a.getCounts().getPages()).isZero();
    assertThat(a.getCounts().getUnscoredPages()).isEqualTo(1);
    assertThat(a.getFlags()).extracting(QualityFlag::getCode).containsExactly(QualityFlagCode.UNKNOWN_HIT);
    assertThat(q.images.isEmpty()).isTrue();
  }

  @Test
  void undecodablePageOrReview_isSkipped_thePageDeadLettered_andTheNextPageIsScored() {
    q.rawPages.pipeInput("a1", new byte[] {1, 2, 3});
    // the global store's thread has no producer: a bad review is logged and skipped (its HIT stays unknown)
    q.rawReviews.pipeInput("demo|hit-x", new byte[] {4, 5});
    q.send(catPage("a2", "w2", "v1").image("x", true).build());

    assertThat(q.deadLetters.readValuesToList()).extracting(l -> l.getReason() + "@" + l.getOriginTopic())
        .containsExactly("undecodable@pages");
    assertThat(QualityDriver.latest(q.assignments).get("a2").getCounts().getPages()).isEqualTo(1);
  }

  @Test
  void topology_namesEveryNodeStoreAndRepartitionTopic() {
    Topology topology = QualityTopology.build(Topics.defaults(), QualityThresholds.defaults(), true);
    String description = topology.describe().toString();

    assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
    assertThat(description).contains(QualityTopology.BY_WORKER + "-repartition",
        QualityTopology.BY_IMAGE + "-repartition", QualityTopology.SCORED_PAGES_STORE,
        QualityTopology.IMAGE_VOTES_STORE, QualityTopology.WORKER_STORE, QualityTopology.ASSIGNMENT_STORE,
        QualityTopology.HIT_REVIEWS_STORE);
  }
}
