package io.byproduct.gateway.seedapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.schemas.event.HitFinished;
import io.byproduct.schemas.event.HoverChanged;
import io.byproduct.schemas.event.ImageLaidOut;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.event.PageOpened;
import io.byproduct.schemas.event.PageSubmitted;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.event.SelectionToggled;
import io.byproduct.schemas.record.HoverAction;
import io.byproduct.schemas.record.HoverActionKind;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.Position;
import io.byproduct.schemas.record.TrackPoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageEventsTest {

  private static final Envelope ENVELOPE = new Envelope("ann-1", "demo", "hit-1", "PSEUDO", "ASSIGN", "MTURK",
      InterfaceVersion.POINTER_ORIGINAL);

  private static ImageRecord image(boolean selected, List<TrackPoint> tracking, List<TrackPoint> selections) {
    return ImageRecord.newBuilder().setImageID("img-1").setOriginalImageHeight(375).setOriginalImageWidth(500)
        .setImageHeight(243).setImageWidth(243).setImagePosition(new Position(857, 1976))
        .setHoveredRecord(List.of(new HoverAction(HoverActionKind.enter, 100L), new HoverAction(HoverActionKind.leave, 400L)))
        .setHoveredCount(1).setMouseTracking(tracking).setSelected(selected).setSelectedCount(selections.size())
        .setSelectedRecord(selections).setEstimateTime(0L).setWorkerId(null).build();
  }

  private static String describe(InteractionEvent e) {
    Object p = e.getPayload();
    String kind = p instanceof SelectionToggled s ? (s.getSelected() ? "select" : "deselect")
        : p instanceof HoverChanged h ? (h.getEntered() ? "enter" : "leave")
        : p.getClass().getSimpleName();
    return kind + "@" + e.getClientTime();
  }

  @Test
  void page_becomesOpenLayoutHoversPointsSelectionsAndSubmit_inTimeOrder_withSequenceNumbers() {
    ImageRecord record = image(true, List.of(new TrackPoint(0.1, 0.2, 100L), new TrackPoint(0.3, 0.4, 150L)),
        List.of(new TrackPoint(0.5, 0.5, 200L)));

    List<InteractionEvent> events = PageEvents.of(ENVELOPE, 2, "page-2", 50, 500, List.of(record), true, 999);

    assertThat(events).extracting(PageEventsTest::describe).containsExactly(
        "PageOpened@50", "ImageLaidOut@50", "enter@100", "PointerSample@100", "PointerSample@150", "select@200",
        "leave@400", "PageSubmitted@500", "HitFinished@500");
    assertThat(events).extracting(InteractionEvent::getSeq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(events).allSatisfy(e -> {
      assertThat(e.getSessionId()).isEqualTo("rest:ann-1:2");
      assertThat(e.getPageNo()).isEqualTo(2);
      assertThat(e.getWorkerId()).isEqualTo("PSEUDO");
      assertThat(e.getGatewayTime()).isEqualTo(999);
    });
    ImageLaidOut layout = (ImageLaidOut) events.get(1).getPayload();
    assertThat(layout.getX()).isEqualTo(857.0);
    assertThat(layout.getNaturalWidth()).isEqualTo(500);
    assertThat(((PageOpened) events.get(0).getPayload()).getImageIds()).containsExactly("img-1");
    assertThat(((PageSubmitted) events.get(7).getPayload()).getLastPage()).isTrue();
    assertThat(((HitFinished) events.get(8).getPayload()).getPageCount()).isEqualTo(2);
    assertThat(((PointerSample) events.get(3).getPayload()).getX()).isEqualTo(0.1);
  }

  @Test
  void trackingAfterASelection_impliesADeselectRightBeforeIt() {
    ImageRecord record = image(false, List.of(new TrackPoint(0.1, 0.2, 100L), new TrackPoint(0.3, 0.4, 300L)),
        List.of(new TrackPoint(0.5, 0.5, 200L)));

    List<InteractionEvent> events = PageEvents.of(ENVELOPE, 1, "p", 50, 500, List.of(record), false, 1);

    assertThat(events).extracting(PageEventsTest::describe)
        .containsSubsequence("select@200", "deselect@300", "PointerSample@300", "leave@400")
        .doesNotContain("HitFinished@500");
  }

  @Test
  void deselectedWithoutLaterTracking_isDeselectedAfterItsLastEvent() {
    ImageRecord record = image(false, List.of(new TrackPoint(0.1, 0.2, 100L)), List.of(new TrackPoint(0.5, 0.5, 200L)));

    List<InteractionEvent> events = PageEvents.of(ENVELOPE, 1, "p", 50, 500, List.of(record), false, 1);

    assertThat(events).extracting(PageEventsTest::describe)
        .containsSubsequence("select@200", "leave@400", "deselect@400", "PageSubmitted@500");
  }

  @Test
  void twoSelections_haveADeselectBetweenThem() {
    ImageRecord record = image(true, List.of(), List.of(new TrackPoint(0.5, 0.5, 200L), new TrackPoint(0.6, 0.6, 300L)));

    List<InteractionEvent> events = PageEvents.of(ENVELOPE, 1, "p", 50, 500, List.of(record), false, 1);

    assertThat(events).extracting(PageEventsTest::describe)
        .containsSubsequence("select@200", "deselect@300", "select@300");
  }

  @Test
  void selectedWithoutASelection_isRefusedNamingTheImage() {
    ImageRecord record = image(true, List.of(), List.of());

    assertThatThrownBy(() -> PageEvents.of(ENVELOPE, 1, "p", 50, 500, List.of(record), false, 1))
        .hasMessageContaining("page.annotations[0]");
  }

  @Test
  void samePage_givesTheSameEvents() {
    ImageRecord record = image(false, List.of(new TrackPoint(0.1, 0.2, 100L)), List.of());

    assertThat(PageEvents.of(ENVELOPE, 1, "p", 50, 500, List.of(record), false, 1))
        .isEqualTo(PageEvents.of(ENVELOPE, 1, "p", 50, 500, List.of(record), false, 1));
  }
}
