package io.byproduct.streamprocessor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.record.AnnotationRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pages are abandoned on stream time (the gateway's timestamps of the events processed), not on the
 * stream processor's wall clock: an outage of the processor longer than abandon-after must not turn
 * the events the gateway acknowledged meanwhile into late events.
 */
class AbandonmentOnStreamTimeTest {

  private static final long T0 = 1_641_425_051_975L;
  private static final String A = "n01440764/n01440764_105";
  private static final String B = "n01440764/n01440764_200";

  private CaptureDriver capture;

  @BeforeEach
  void startDriver() {
    capture = new CaptureDriver(CaptureOptions.defaults(), T0);
  }

  @AfterEach
  void closeDriver() {
    capture.close();
  }

  private void send(List<InteractionEvent> events) {
    capture.send(events);
  }

  @Test
  void processorOutageLongerThanAbandonAfter_abandonsNothing_andThePageIsSubmittedWhole() {
    Script s = new Script("ann-1", "sess-1", T0).hitStarted(T0).opened(A, B).enter(A).move(A, 0.2, 0.2);
    int beforeOutage = s.events.size();
    s.at(T0 + 2_000).leave(A).enter(B).at(T0 + 2_500).click(B, 0.4, 0.4, true).leave(B)
        .at(T0 + 3_000).submit("p1", T0, true);
    send(s.events.subList(0, beforeOutage));

    // the stream processor stands still for an hour while the gateway kept acknowledging the rest
    capture.driver.advanceWallClockTime(Duration.ofMinutes(61));
    assertThat(capture.pages.isEmpty()).as("nothing abandoned while no event was processed").isTrue();

    send(s.events.subList(beforeOutage, s.events.size()));
    List<PageRecord> out = capture.pages.readValuesToList();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).getStatus()).isEqualTo(PageStatus.SUBMITTED);
    assertThat(out.get(0).getEventCount()).isEqualTo(s.events.size() - 1);  // every page event, HitStarted aside
    assertThat(out.get(0).getImages()).extracting(r -> r.getSelected()).containsExactly(false, true);
    assertThat(capture.deadLetters.readValuesToList()).as("no late events").isEmpty();
    assertThat(capture.annotations.readValuesToList()).last().extracting(AnnotationRecord::getIsDone).isEqualTo(true);
  }

  @Test
  void streamTimePastAbandonAfter_stillAbandonsTheIdlePage() {
    send(new Script("ann-1", "sess-1", T0).opened(A).enter(A).events);
    send(new Script("ann-2", "sess-2", T0 + Duration.ofMinutes(29).toMillis()).opened(B).events);
    capture.driver.advanceWallClockTime(Duration.ofSeconds(2));
    assertThat(capture.pages.isEmpty()).as("29 minutes of stream time: still open").isTrue();

    send(new Script("ann-2", "sess-2", T0 + Duration.ofMinutes(31).toMillis()).page(1).enter(B).events.stream()
        .map(e -> InteractionEvent.newBuilder(e).setSeq(2).build()).toList());
    capture.driver.advanceWallClockTime(Duration.ofSeconds(1));

    List<PageRecord> out = capture.pages.readValuesToList();
    assertThat(out).extracting(PageRecord::getAnnotationId).containsExactly("ann-1");
    assertThat(out.get(0).getStatus()).isEqualTo(PageStatus.ABANDONED);

    send(new Script("ann-1", "sess-1", T0 + Duration.ofMinutes(32).toMillis()).page(1).leave(A).events.stream()
        .map(e -> InteractionEvent.newBuilder(e).setSeq(3).build()).toList());
    assertThat(capture.deadLetters.readValuesToList()).extracting(DeadLetter::getReason).containsExactly("late-event");
  }
}
