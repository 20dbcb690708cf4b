package io.byproduct.streamprocessor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.schemas.batch.Batches;
import io.byproduct.schemas.batch.InteractionBatch;
import io.byproduct.schemas.batch.InteractionRecords;
import io.byproduct.schemas.batch.Pointer;
import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.record.PageRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fold of InteractionBatch records: the same pages as the events one by one, in either format or both. */
class BatchFoldTest {

  private static final long T0 = 1_641_425_051_975L;
  private static final String A = "n01440764/n01440764_105";
  private static final String B = "n01440764/n01440764_200";
  private final CaptureOptions options = new CaptureOptions(Duration.ofSeconds(1), Duration.ofMinutes(30), Duration.ofDays(7));

  /** Two pages of a HIT with 60 Hz samples over two images, selections, and a submit each. */
  private static List<InteractionEvent> twoPages(String annotation, String session) {
    Script s = new Script(annotation, session, T0).hitStarted(T0);
    for (int page = 1; page <= 2; page++) {
      long start = T0 + (page - 1) * 10_000L;
      s.page(page).at(start).opened(A, B).laidOut(A, 10, 20, 240, 180, 500, 375).laidOut(B, 300, 20, 240, 180, 500, 375)
          .at(start + 100).enter(A);
      for (int k = 0; k < 90; k++) {
        s.at(start + 100 + k * 17L).move(A, (k % 100) / 100.0, 0.5);
      }
      s.at(start + 1700).click(A, 0.25, 0.75, true).leave(A).at(start + 1800).enter(B);
      for (int k = 0; k < 40; k++) {
        s.at(start + 1800 + k * 17L).move(B, 0.5, k / 100.0);
      }
      s.at(start + 2600).leave(B).focus(false).at(start + 3000).submit("page-" + page, start, page == 2);
    }
    return s.hitFinished(2).events;
  }

  private static List<PageRecord> foldedOneByOne(CaptureOptions options, List<InteractionEvent> events) {
    try (CaptureDriver oracle = new CaptureDriver(options, T0)) {
      oracle.send(events);
      return oracle.pages.readValuesToList();
    }
  }

  @Test
  void batches_foldToTheSamePagesAsTheirEventsOneByOne() {
    List<InteractionEvent> events = twoPages("ann-1", "sess-1");
    try (CaptureDriver capture = new CaptureDriver(options, T0)) {
      List<InteractionEvent> sent = capture.sendAsBatches(events, 30);

      List<PageRecord> pages = capture.pages.readValuesToList();

      assertThat(pages).hasSize(2).isEqualTo(foldedOneByOne(options, sent));
      assertThat(pages).extracting(PageRecord::getEventCount).containsExactly(140L, 140L);
      assertThat(capture.deadLetters.isEmpty()).isTrue();
    }
  }

  @Test
  void bothFormatsMixedOnTheTopic_andFramesResentInTheOtherFormat_foldEachEventOnce() {
    List<InteractionEvent> events = twoPages("ann-2", "sess-2");
    List<List<InteractionEvent>> frames = Frames.of(events, 25);
    List<InteractionEvent> all = frames.stream().flatMap(List::stream).toList();
    try (CaptureDriver capture = new CaptureDriver(options, T0)) {
      for (int i = 0; i < frames.size(); i++) {
        List<InteractionEvent> frame = frames.get(i);
        if (i % 2 == 0) {
          capture.sendAsBatches(frame, frame.size());
          capture.send(frame.subList(0, frame.size() / 2));  // half of it resent one by one (e.g. the older format)
        } else {
          capture.send(frame);
          capture.sendAsBatches(frame, frame.size());  // resent whole as a batch
        }
      }

      assertThat(capture.pages.readValuesToList()).hasSize(2).isEqualTo(foldedOneByOne(options, all));
      assertThat(capture.deadLetters.isEmpty()).isTrue();
    }
  }

  @Test
  void aForgedBadEntryInABatch_isADeadLetterWithItsReason_andItsNeighboursAreFolded() {
    Script s = new Script("ann-3", "sess-3", T0).opened(A, B).at(T0 + 10).enter(A);
    for (int k = 1; k <= 5; k++) {
      s.at(T0 + 10 + 17L * k).move(A, k / 10.0, 0.5);
    }
    s.at(T0 + 200).submit("page-1", T0, false);
    List<List<InteractionEvent>> frames = Frames.of(s.events, 100);
    InteractionBatch batch = Batches.pack(frames.get(0));
    ((Pointer) batch.getEntries().get(3).getPayload()).setImage(7);        // names no image of the table
    ((Pointer) batch.getEntries().get(4).getPayload()).setX(20_000);       // x = 2.0, outside the image
    try (CaptureDriver capture = new CaptureDriver(options, T0)) {
      capture.rawInteractions.pipeInput("ann-3", InteractionRecords.batches().encode(batch), T0 + 300);

      List<DeadLetter> letters = capture.deadLetters.readValuesToList();
      assertThat(letters).extracting(DeadLetter::getReason).containsExactly("invalid-event", "invalid-event");
      assertThat(letters.get(0).getDetail()).contains("seq 4").contains("image 7");
      assertThat(letters.get(1).getDetail()).contains("sess-3:5").contains("x: must be a fraction");
      java.nio.ByteBuffer payload = letters.get(1).getPayload();
      byte[] bytes = new byte[payload.remaining()];
      payload.get(bytes);
      assertThat(InteractionRecords.events().decode(bytes).getSeq()).as("the refused event itself").isEqualTo(5);
      PageRecord page = capture.pages.readValue();
      assertThat(page.getEventCount()).as("the batch's 8 events less the 2 refused").isEqualTo(6);
      List<Double> xs = new ArrayList<>();
      page.getImages().get(0).getMouseTracking().forEach(p -> xs.add(p.getX()));
      assertThat(xs).containsExactly(0.1, 0.4, 0.5);
    }
  }

  @Test
  void aBatchUnderAnotherAnnotationsKey_isRefusedEventByEvent_andFoldsNothing() {
    List<InteractionEvent> events = new Script("victim", "sess-4", T0).opened(A, B).at(T0 + 10).enter(A).events;
    byte[] batch = InteractionRecords.batches().encode(Batches.pack(Frames.of(events, 10).get(0)));
    try (CaptureDriver capture = new CaptureDriver(options, T0)) {
      capture.rawInteractions.pipeInput("attacker", batch, T0 + 20);

      assertThat(capture.deadLetters.readValuesToList()).hasSize(2)
          .allSatisfy(letter -> assertThat(letter.getDetail()).contains("is not the event's annotationId"));
      assertThat(capture.keys(CaptureTopology.PAGE_STORE)).isEmpty();
    }
  }
}
