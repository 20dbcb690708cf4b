package io.byproduct.schemas.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.schemas.record.HoverAction;
import io.byproduct.schemas.record.HoverActionKind;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.Position;
import io.byproduct.schemas.record.TrackPoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordRulesTest {

  private static final long START = 1_796_304_416_118L;
  private static final long END = START + 8_000;

  private static ImageRecord.Builder image() {
    return ImageRecord.newBuilder().setImageID("n01440764/img_011").setOriginalImageHeight(375).setOriginalImageWidth(500)
        .setImageHeight(243).setImageWidth(324).setImagePosition(new Position(478, 411))
        .setHoveredRecord(new ArrayList<>(List.of(new HoverAction(HoverActionKind.enter, START + 10))))
        .setHoveredCount(1).setMouseTracking(new ArrayList<>(List.of(new TrackPoint(0.5, 0.25, START + 11))))
        .setSelected(false).setSelectedCount(0).setSelectedRecord(new ArrayList<>()).setEstimateTime(98);
  }

  @Test
  void page_ofAnHonestRecord_hasNoProblem() {
    assertThat(RecordRules.page(START, END, List.of(image().build()))).isEmpty();
  }

  @Test
  void page_withTrackingOutsideTheImage_namesThePoint() {
    ImageRecord outside = image().setMouseTracking(List.of(new TrackPoint(0.5, 0.5, START + 1),
        new TrackPoint(1.02, 0.5, START + 2))).build();
    assertThat(RecordRules.page(START, END, List.of(image().build(), outside)))
        .contains("annotations[1].mouseTracking[1].x: must be a fraction of the image in [0, 1], was 1.02");
    ImageRecord negative = image().setSelectedRecord(List.of(new TrackPoint(0.5, -0.01, START + 1))).build();
    assertThat(RecordRules.page(START, END, List.of(negative))).get().asString()
        .startsWith("annotations[0].selectedRecord[0].y: must be a fraction");
  }

  @Test
  void page_withNonFiniteOrNegativeSizes_namesTheField() {
    assertThat(RecordRules.page(START, END, List.of(image().setImageWidth(-5).build()))).get().asString()
        .startsWith("annotations[0].imageWidth: must be a size");
    ImageRecord nan = image().setMouseTracking(List.of(new TrackPoint(Double.NaN, 0.5, START + 1))).build();
    assertThat(RecordRules.page(START, END, List.of(nan))).get().asString().startsWith("annotations[0].mouseTracking[0].x");
  }

  @Test
  void page_withAbsurdTimes_namesTheField() {
    assertThat(RecordRules.page(START, Long.MAX_VALUE, List.of())).get().asString().startsWith("endedAt: must be epoch");
    assertThat(RecordRules.page(5, END, List.of())).get().asString().startsWith("startedAt: must be epoch");
    assertThat(RecordRules.page(END, START, List.of())).contains("endedAt: must not be before startedAt");
    assertThat(RecordRules.page(START, START + 2 * RecordRules.MAX_PAGE_MILLIS, List.of())).get().asString()
        .startsWith("endedAt: a page lasts at most one day");
    ImageRecord late = image().setHoveredRecord(List.of(new HoverAction(HoverActionKind.leave, END + 1))).build();
    assertThat(RecordRules.page(START, END, List.of(late))).get().asString()
        .startsWith("annotations[0].hoveredRecord[0].time: must be within the page");
    assertThat(RecordRules.page(START, END, List.of(image().setEstimateTime(END - START + 1).build()))).get().asString()
        .startsWith("annotations[0].estimateTime");
  }

  @Test
  void usableId_refusesMalformedUtf8ControlsAndSeparators() {
    assertThat(RecordRules.usableId("1c0dbe0c-7628-4fb2-8acf-fac98686e5b3")).isTrue();
    assertThat(RecordRules.usableId("\uFFFD\uFFFD")).isFalse();
    assertThat(RecordRules.usableId("a|b")).isFalse();
    assertThat(RecordRules.usableId("a\u0000b")).isFalse();
    assertThat(RecordRules.usableId(" ")).isFalse();
    assertThat(RecordRules.usableId("x".repeat(RecordRules.MAX_ID_LENGTH + 1))).isFalse();
  }

  @Test
  void page_overTheTrackingLimit_isRefused() {
    List<TrackPoint> many = new ArrayList<>();
    for (int i = 0; i <= RecordRules.TRACK_POINTS_PER_IMAGE; i++) {
      many.add(new TrackPoint(0.5, 0.5, START));
    }
    assertThat(RecordRules.page(START, END, List.of(image().setMouseTracking(many).build()))).get().asString()
        .startsWith("annotations[0].mouseTracking: at most " + RecordRules.TRACK_POINTS_PER_IMAGE);
  }
}
