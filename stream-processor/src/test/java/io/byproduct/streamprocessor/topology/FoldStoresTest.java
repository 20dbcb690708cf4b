package io.byproduct.streamprocessor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.record.AnnotationRecord;
import io.byproduct.schemas.state.ImageState;
import io.byproduct.schemas.state.PageLifecycle;
import io.byproduct.schemas.state.PageState;
import io.byproduct.schemas.state.SeenEvents;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the fold keeps in its state stores — the state a restart restores from the changelogs — as
 * a page opens, folds, ends and is forgotten by the retention sweep (driven by wall-clock time, as
 * it is scheduled).
 */
class FoldStoresTest {

  private static final long T0 = 1_641_425_051_975L;
  private static final String A = "n01440764/n01440764_105";
  private static final String B = "n01440764/n01440764_200";
  private static final Duration RETENTION = Duration.ofHours(3);

  private CaptureDriver capture;

  @BeforeEach
  void startDriver() {
    capture = new CaptureDriver(new CaptureOptions(Duration.ofSeconds(1), Duration.ofMinutes(30), RETENTION), T0);
  }

  @AfterEach
  void closeDriver() {
    capture.close();
  }

  @Test
  void openPage_isHeldInPageAndImageState_withItsCountsAndDirtyImages() {
    Script s = new Script("ann-1", "sess-1", T0).hitStarted(T0).opened(A, B)
        .at(T0 + 100).enter(A).move(A, 0.2, 0.2).at(T0 + 200).click(A, 0.3, 0.3, true);
    capture.send(s.events);

    PageState page = capture.<PageState>store(CaptureTopology.PAGE_STORE).get("ann-1|0001");
    assertThat(page.getStatus()).isEqualTo(PageLifecycle.OPEN);
    assertThat(page.getEventCount()).as("every page event, HitStarted aside").isEqualTo(4);
    assertThat(page.getImageIds()).containsExactly(A, B);
    assertThat(page.getDirtyImages()).containsExactly(A);
    assertThat(page.getTrackPointCount()).isEqualTo(1);
    assertThat(page.getHoverRecordCount()).isEqualTo(1);
    assertThat(page.getSelectedRecordCount()).isEqualTo(1);
    assertThat(page.getLastActivityAt()).as("the latest record's timestamp").isEqualTo(T0 + 205);
    assertThat(capture.keys(CaptureTopology.IMAGE_STORE)).containsExactly("ann-1|0001|" + A, "ann-1|0001|" + B);
    ImageState a = capture.<ImageState>store(CaptureTopology.IMAGE_STORE).get("ann-1|0001|" + A);
    assertThat(a.getRecord().getSelected()).isTrue();
    assertThat(a.getRecord().getMouseTracking()).hasSize(1);
    assertThat(capture.<SeenEvents>store(CaptureTopology.SEEN_STORE).get("ann-1|sess-1").getRanges())
        .containsExactly(1L, (long) s.events.size());
    assertThat(capture.<AnnotationRecord>store(CaptureTopology.ANNOTATION_STORE).get("ann-1").getStartedAt())
        .isEqualTo(T0);
    assertThat(capture.keys(CaptureTopology.CLOSED_STORE)).isEmpty();

    capture.driver.advanceWallClockTime(Duration.ofSeconds(1));
    assertThat(capture.images.readValuesToList()).hasSize(1);
    assertThat(capture.<PageState>store(CaptureTopology.PAGE_STORE).get("ann-1|0001").getDirtyImages())
        .as("emitted images are no longer dirty").isEmpty();
  }

  @Test
  void submittedPage_leavesOnlyAClosedMarker_andTheAnnotation() {
    Script s = new Script("ann-1", "sess-1", T0).opened(A, B).enter(A).leave(A).at(T0 + 500).submit("p1", T0, true);
    capture.send(s.events);

    assertThat(capture.keys(CaptureTopology.PAGE_STORE)).isEmpty();
    assertThat(capture.keys(CaptureTopology.IMAGE_STORE)).isEmpty();
    PageState marker = capture.<PageState>store(CaptureTopology.CLOSED_STORE).get("ann-1|0001");
    assertThat(marker.getStatus()).isEqualTo(PageLifecycle.SUBMITTED);
    assertThat(marker.getImageIds()).as("a marker keeps no images").isEmpty();
    assertThat(marker.getLastActivityAt()).as("when it closed, on the wall clock").isEqualTo(T0);
    AnnotationRecord annotation = capture.<AnnotationRecord>store(CaptureTopology.ANNOTATION_STORE).get("ann-1");
    assertThat(annotation.getIsDone()).isTrue();
    assertThat(annotation.getPageCount()).isEqualTo(1);
  }

  @Test
  void resentAndRefusedEvents_leaveTheStoresAsTheyWere() {
    Script s = new Script("ann-1", "sess-1", T0).opened(A).enter(A).move(A, 0.1, 0.1);
    capture.send(s.events);
    PageState before = capture.<PageState>store(CaptureTopology.PAGE_STORE).get("ann-1|0001");
    ImageState imageBefore = capture.<ImageState>store(CaptureTopology.IMAGE_STORE).get("ann-1|0001|" + A);

    capture.send(s.events);                                                       // resent
    capture.send(new Script("ann-1", "sess-2", T0 + 50).opened(A).enter(B).events.subList(1, 2));  // not on the page

    assertThat(capture.<PageState>store(CaptureTopology.PAGE_STORE).get("ann-1|0001").getEventCount())
        .as("the unknown image's event is counted, nothing else").isEqualTo(before.getEventCount() + 1);
    assertThat(capture.<ImageState>store(CaptureTopology.IMAGE_STORE).get("ann-1|0001|" + A)).isEqualTo(imageBefore);
    assertThat(capture.keys(CaptureTopology.IMAGE_STORE)).containsExactly("ann-1|0001|" + A);
    assertThat(capture.deadLetters.readValuesToList()).extracting(DeadLetter::getReason).containsExactly("unknown-image");
  }

  @Test
  void retentionSweep_forgetsEndedPagesAndSeenSessions_onlyOnceTheyAreOlderThanClosedRetention() {
    Script ended = new Script("ann-1", "sess-1", T0).opened(A).enter(A).submit("p1", T0, false);
    capture.send(ended.events);
    capture.send(new Script("ann-2", "sess-2", T0).opened(B).events);  // still open: the sweep leaves it

    capture.driver.advanceWallClockTime(FoldProcessor.SWEEP_INTERVAL);            // 1 h: within retention
    assertThat(capture.keys(CaptureTopology.CLOSED_STORE)).containsExactly("ann-1|0001");
    assertThat(capture.keys(CaptureTopology.SEEN_STORE)).containsExactly("ann-1|sess-1", "ann-2|sess-2");
    capture.send(List.of(ended.focus(false).last()));
    assertThat(capture.deadLetters.readValuesToList()).extracting(DeadLetter::getReason)
        .as("within retention an event for the ended page is late").containsExactly("late-event");

    capture.driver.advanceWallClockTime(FoldProcessor.SWEEP_INTERVAL.multipliedBy(3));  // 4 h: past retention
    assertThat(capture.keys(CaptureTopology.CLOSED_STORE)).as("ended pages forgotten").isEmpty();
    assertThat(capture.keys(CaptureTopology.SEEN_STORE)).as("seen sessions forgotten").isEmpty();
    assertThat(capture.keys(CaptureTopology.PAGE_STORE)).as("open pages are not the sweep's")
        .containsExactly("ann-2|0001");

    capture.send(ended.events.subList(0, 3));
    assertThat(capture.pages.readValuesToList()).as("after the sweep a resend is folded afresh").hasSize(2);
  }
}
