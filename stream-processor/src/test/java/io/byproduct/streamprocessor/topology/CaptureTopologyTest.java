package io.byproduct.streamprocessor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.record.AnnotationRecord;
import io.byproduct.schemas.record.HoverAction;
import io.byproduct.schemas.record.HoverActionKind;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.ImageUpdate;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import io.byproduct.schemas.record.Position;
import io.byproduct.schemas.record.TrackPoint;
import io.byproduct.schemas.serde.AvroSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CaptureTopologyTest {

  private static final long T0 = 1_641_425_051_975L;
  private static final String A = "n01440764/n01440764_105";
  private static final String B = "n01440764/n01440764_200";
  private static final String C = "n01440764/n01440764_300";

  private final CaptureOptions options = new CaptureOptions(Duration.ofSeconds(1), Duration.ofMinutes(30), Duration.ofDays(7));
  private CaptureDriver capture;

  @BeforeEach
  void startDriver() {
    capture = new CaptureDriver(options, T0);
  }

  @AfterEach
  void closeDriver() {
    capture.close();
  }

  private void send(List<InteractionEvent> events) {
    capture.send(events);
  }

  /** A page of three images with hovers, throttled tracking, a select, a de-select and a submit. */
  private Script scriptedPage() {
    Script s = new Script("ann-1", "sess-1", T0);
    s.opened(A, B, C)
        .laidOut(A, 857, 1976, 243, 243, 500, 375).laidOut(B, 1200, 1976, 243, 180, 500, 370)
        .laidOut(C, 500, 2400, 340, 255, 640, 480)
        .at(T0 + 1000).enter(A).move(A, 0.0031, 0.6296)   // first point coincides with the entry
        .at(T0 + 1005).move(A, 0.05, 0.6)                  // within 1000/60 ms: dropped
        .at(T0 + 1017).move(A, 0.1, 0.6)                   // 17 ms later: kept
        .at(T0 + 1040).click(A, 0.54, 0.47, true)          // selects: estimate pauses
        .at(T0 + 1050).move(A, 0.55, 0.47)                 // selected: not tracked
        .at(T0 + 1060).click(A, 0.55, 0.47, false)         // de-selects: no count
        .at(T0 + 1070).move(A, 0.6, 0.5)                   // tracked, estimate restarts
        .at(T0 + 1100).leave(A)
        .at(T0 + 1200).enter(B).click(B, 0.5, 0.5, true)   // selected before any tracked point
        .at(T0 + 1250).enter(B)                            // counted although selected
        .at(T0 + 1300).leave(B)
        .at(T0 + 1400).focus(false)
        .at(T0 + 2000).submit("page-uuid-1", T0, false);
    return s;
  }

  private static ImageRecord expectedA() {
    return ImageRecord.newBuilder()
        .setImageID(A).setOriginalImageHeight(375).setOriginalImageWidth(500)
        .setImageHeight(243).setImageWidth(243).setImagePosition(new Position(857, 1976))
        .setHoveredRecord(List.of(new HoverAction(HoverActionKind.enter, T0 + 1000), new HoverAction(HoverActionKind.leave, T0 + 1100)))
        .setHoveredCount(1)
        .setMouseTracking(List.of(new TrackPoint(0.0031, 0.6296, T0 + 1000), new TrackPoint(0.1, 0.6, T0 + 1017),
            new TrackPoint(0.6, 0.5, T0 + 1070)))
        .setSelected(false).setSelectedCount(1)
        .setSelectedRecord(List.of(new TrackPoint(0.54, 0.47, T0 + 1040)))
        .setEstimateTime((1040 - 1000) + (1100 - 1070))
        .setWorkerId("W-PSEUDONYM")
        .build();
  }

  @Test
  void topology_namesEveryNodeAndStore() {
    Topology topology = CaptureTopology.build(capture.topics, options, true);
    String description = topology.describe().toString();

    assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
    assertThat(description).contains(CaptureTopology.SEEN_STORE, CaptureTopology.PAGE_STORE,
        CaptureTopology.IMAGE_STORE, CaptureTopology.ANNOTATION_STORE, CaptureTopology.CLOSED_STORE);
  }

  @Test
  void submittedPage_holdsEachImageRecordWithTheOriginalsCountingRules() {
    send(scriptedPage().events);

    List<PageRecord> out = capture.pages.readValuesToList();

    assertThat(out).hasSize(1);
    PageRecord page = out.get(0);
    assertThat(page.getStatus()).isEqualTo(PageStatus.SUBMITTED);
    assertThat(page.getPageId()).isEqualTo("page-uuid-1");
    assertThat(page.getPageNo()).isEqualTo(1);
    assertThat(page.getStartedAt()).isEqualTo(T0);
    assertThat(page.getEndedAt()).isEqualTo(T0 + 2000);
    assertThat(page.getEventCount()).isEqualTo(scriptedPage().events.size());
    assertThat(page.getImages()).extracting(ImageRecord::getImageID).containsExactly(A, B, C);
    assertThat(page.getImages().get(0)).isEqualTo(expectedA());

    ImageRecord b = page.getImages().get(1);
    assertThat(b.getHoveredCount()).isEqualTo(2);
    assertThat(b.getSelected()).isTrue();
    assertThat(b.getSelectedCount()).isEqualTo(1);
    assertThat(b.getMouseTracking()).isEmpty();
    assertThat(b.getEstimateTime()).isZero();

    ImageRecord c = page.getImages().get(2);
    assertThat(c.getHoveredCount()).isZero();
    assertThat(c.getImagePosition()).isEqualTo(new Position(500, 2400));
    assertThat(c.getOriginalImageWidth()).isEqualTo(640);
  }

  @Test
  void resentEvents_changeNothing_evenOutOfOrder() {
    List<InteractionEvent> events = scriptedPage().events;
    List<InteractionEvent> beforeSubmit = events.subList(0, events.size() - 1);
    send(beforeSubmit);
    List<InteractionEvent> reversed = new ArrayList<>(beforeSubmit);
    Collections.reverse(reversed);
    send(reversed);                                       // resend everything, out of order
    send(List.of(events.get(events.size() - 1)));

    List<PageRecord> out = capture.pages.readValuesToList();

    assertThat(out).hasSize(1);
    assertThat(out.get(0).getImages().get(0)).isEqualTo(expectedA());
    assertThat(out.get(0).getEventCount()).isEqualTo(events.size());
    assertThat(capture.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void eventAfterSubmit_isALateDeadLetter_andTheResentSubmitIsIgnored() {
    Script s = scriptedPage();
    send(s.events);
    send(List.of(s.last()));                              // the submit again: a duplicate
    s.at(T0 + 2100).move(A, 0.3, 0.3);                    // the pointer still moved after submit
    send(List.of(s.last()));

    assertThat(capture.pages.readValuesToList()).hasSize(1);
    List<DeadLetter> letters = capture.deadLetters.readValuesToList();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).getReason()).isEqualTo("late-event");
    assertThat(letters.get(0).getDetail()).contains("already SUBMITTED");
    assertThat(AvroSerde.of(InteractionEvent.class).decode(letters.get(0).getPayload().array())).isEqualTo(s.last());
  }

  @Test
  void undecodableAndImpossibleEvents_goToDeadLetters_andValidTrafficContinues() {
    capture.rawInteractions.pipeInput("ann-1", new byte[] {1, 2, 3, 4});
    Script s = new Script("ann-1", "sess-9", T0).opened(A).move(A, 1.5, 0.2);
    send(s.events);
    s.at(T0 + 10).enter(A).move(A, 0.5, 0.5).at(T0 + 100).submit("p", T0, false);
    send(s.events.subList(2, s.events.size()));

    List<DeadLetter> letters = capture.deadLetters.readValuesToList();
    assertThat(letters).extracting(DeadLetter::getReason).containsExactly("undecodable", "invalid-event");
    assertThat(letters.get(1).getDetail()).contains("x: must be a fraction").contains("1.5");
    assertThat(letters.get(0).getOriginTopic()).isEqualTo("interactions");
    List<PageRecord> out = capture.pages.readValuesToList();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).getImages().get(0).getMouseTracking()).hasSize(1);
  }

  @Test
  void imageNotOnTheOpenedPage_isADeadLetter() {
    send(new Script("ann-1", "sess-1", T0).opened(A, B).enter("n99999999/stranger").events);

    assertThat(capture.deadLetters.readValuesToList()).extracting(DeadLetter::getReason).containsExactly("unknown-image");
  }

  @Test
  void changedImages_areEmittedOncePerInterval_notPerSample() {
    Script s = new Script("ann-1", "sess-1", T0).opened(A, B).enter(A);
    for (int i = 0; i < 30; i++) {
      s.at(T0 + 20L * i).move(A, 0.01 * i, 0.5);
    }
    send(s.events);

    capture.driver.advanceWallClockTime(Duration.ofSeconds(1));
    List<ImageUpdate> first = capture.images.readValuesToList();
    capture.driver.advanceWallClockTime(Duration.ofSeconds(1));

    assertThat(first).extracting(u -> u.getRecord().getImageID()).as("only the image that changed").containsExactly(A);
    ImageUpdate a = first.stream().filter(u -> u.getRecord().getImageID().equals(A)).findFirst().orElseThrow();
    assertThat(a.getRecord().getMouseTracking()).hasSize(30);
    assertThat(a.getPageNo()).isEqualTo(1);
    assertThat(capture.images.isEmpty()).as("nothing changed since").isTrue();
  }

  @Test
  void inactivePage_isEmittedAsAbandoned_withEverythingTheWorkerDid() {
    Script s = new Script("ann-1", "sess-1", T0).opened(A).enter(A).move(A, 0.2, 0.2).at(T0 + 500).click(A, 0.2, 0.2, true);
    send(s.events);
    // stream time moves on with another worker's event, 31 minutes later (gateway time)
    send(new Script("ann-2", "sess-9", T0 + Duration.ofMinutes(31).toMillis()).opened(B).events);

    capture.driver.advanceWallClockTime(Duration.ofSeconds(1));

    List<PageRecord> out = capture.pages.readValuesToList();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).getAnnotationId()).isEqualTo("ann-1");
    assertThat(out.get(0).getStatus()).isEqualTo(PageStatus.ABANDONED);
    assertThat(out.get(0).getEndedAt()).isEqualTo(T0 + 500);
    assertThat(out.get(0).getImages().get(0).getSelected()).isTrue();
    assertThat(out.get(0).getImages().get(0).getEstimateTime()).isEqualTo(500);
  }

  @Test
  void annotation_isStartedCountsPagesAndEndsDone() {
    Script s = new Script("ann-1", "sess-1", T0).hitStarted(T0).opened(A).at(T0 + 100).submit("p1", T0, false)
        .page(2).at(T0 + 200).opened(B).at(T0 + 300).submit("p2", T0 + 200, true).hitFinished(2);
    send(s.events);

    List<AnnotationRecord> out = capture.annotations.readValuesToList();

    assertThat(out).extracting(AnnotationRecord::getPageCount).containsExactly(0, 1, 2, 2);
    AnnotationRecord last = out.get(out.size() - 1);
    assertThat(last.getIsDone()).isTrue();
    assertThat(last.getStartedAt()).isEqualTo(T0);
    assertThat(last.getWorkerID()).isEqualTo("W-PSEUDONYM");
    assertThat(last.getHitDatasetName()).isEqualTo("demo");
    assertThat(last.getVersion()).isEqualTo("POINTER_ORIGINAL");
    assertThat(capture.pages.readValuesToList()).extracting(PageRecord::getPageNo).containsExactly(1, 2);
  }

  @Test
  void imageThatNeverLoaded_isLeftOutOfThePage_asTheOriginalDropsBrokenImages() {
    Script s = new Script("ann-1", "sess-1", T0).opened(A, B, C)
        .laidOut(A, 10, 10, 340, 255, 640, 480).laidOut(C, 700, 10, 340, 255, 640, 480)  // B failed to load
        .at(T0 + 100).submit("p", T0, false);
    send(s.events);

    assertThat(capture.pages.readValuesToList().get(0).getImages()).extracting(ImageRecord::getImageID).containsExactly(A, C);
  }
}
