package io.byproduct.streamprocessor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import io.byproduct.schemas.serde.AvroSerde;
import io.byproduct.schemas.state.ImageState;
import io.byproduct.schemas.state.PageState;
import io.byproduct.schemas.state.SeenEvents;
import io.byproduct.streamprocessor.folding.StateLimits;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Attacks on the stream processor's state: one client floods a page or an image past its limits. */
class StateLimitsTopologyTest {

  private static final long T0 = 1_641_425_051_975L;
  private static final String A = "n01440764/n01440764_105";
  private static final String B = "n01440764/n01440764_200";
  private static final String PAGE_KEY = "ann-1|0001";

  private CaptureDriver capture;

  private void start(StateLimits limits) {
    capture = new CaptureDriver(new CaptureOptions(Duration.ofSeconds(1), Duration.ofMinutes(30), Duration.ofDays(7), limits), T0);
  }

  @AfterEach
  void closeDriver() {
    if (capture != null) {
      capture.close();
    }
  }

  private static StateLimits limits(int events, int images, int trackPerPage, int hoversPerPage, int selectedPerPage,
      int trackPerImage, int hoversPerImage, int selectedPerImage, int seqRanges) {
    return new StateLimits(events, images, trackPerPage, hoversPerPage, selectedPerPage, trackPerImage, hoversPerImage,
        selectedPerImage, seqRanges);
  }

  private void send(List<InteractionEvent> events) {
    capture.send(events);
  }

  private ImageState imageInStore(String imageId) {
    KeyValueStore<String, ImageState> store = capture.driver.getKeyValueStore(CaptureTopology.IMAGE_STORE);
    return store.get(PAGE_KEY + "|" + imageId);
  }

  private PageState pageInStore() {
    KeyValueStore<String, PageState> store = capture.driver.getKeyValueStore(CaptureTopology.PAGE_STORE);
    return store.get(PAGE_KEY);
  }

  private double stateLimitCounter() {
    return capture.driver.metrics().entrySet().stream()
        .filter(m -> m.getKey().name().equals(FoldProcessor.STATE_LIMIT + "-total"))
        .mapToDouble(m -> (Double) m.getValue().metricValue()).sum();
  }

  private static List<DeadLetter> withReason(List<DeadLetter> letters, String reason) {
    return letters.stream().filter(l -> l.getReason().equals(reason)).toList();
  }

  @Test
  void hoverFloodOnOneImage_isCappedInTheStore_andTheRestOfThePageStillFolds() {
    start(limits(1_000, 10, 1_000, 1_000, 100, 1_000, 10, 100, 100));
    Script s = new Script("ann-1", "sess-1", T0).opened(A, B);
    for (int i = 0; i < 20; i++) {
      s.at(T0 + 10 * i).enter(A).leave(A);  // 40 hover records asked for, 10 allowed
    }
    s.at(T0 + 1_000).enter(B).leave(B);
    send(s.events);

    assertThat(imageInStore(A).getRecord().getHoveredRecord()).as("state of the flooded image").hasSize(10);
    assertThat(imageInStore(A).getRecord().getHoveredCount()).isEqualTo(5);
    assertThat(pageInStore().getHoverRecordCount()).isEqualTo(12);
    List<DeadLetter> refused = withReason(capture.deadLetters.readValuesToList(), FoldProcessor.STATE_LIMIT);
    assertThat(refused).hasSize(30);
    assertThat(refused.get(0).getDetail()).contains("byproduct.stream-processor.limits.hover-records-per-image")
        .contains("annotation ann-1").contains("was not folded");
    assertThat(refused.get(0).getPayload()).as("the refused event is kept").isNotNull();
    assertThat(stateLimitCounter()).isEqualTo(30.0);

    send(new Script("ann-1", "sess-2", T0 + 2_000).submit("p1", T0, false).events);
    PageRecord page = capture.pages.readValue();
    assertThat(page.getStatus()).isEqualTo(PageStatus.SUBMITTED);
    assertThat(page.getImages()).extracting(r -> r.getHoveredRecord().size()).containsExactly(10, 2);
  }

  @Test
  void eventFloodOnOnePage_isCutAtTheEventLimit_butTheSubmitStillEndsThePage() {
    start(limits(50, 10, 10_000, 1_000, 100, 10_000, 1_000, 100, 100));
    Script s = new Script("ann-1", "sess-1", T0).opened(A);
    for (int i = 1; i <= 200; i++) {
      s.at(T0 + 20L * i).move(A, 0.5, 0.5);
    }
    s.at(T0 + 10_000).submit("p1", T0, false);
    send(s.events);

    List<DeadLetter> refused = withReason(capture.deadLetters.readValuesToList(), FoldProcessor.STATE_LIMIT);
    assertThat(refused).hasSize(200 - 49);
    assertThat(refused.get(0).getDetail()).contains("limits.events-per-page");
    PageRecord page = capture.pages.readValue();
    assertThat(page.getEventCount()).isEqualTo(51);  // 50 and the submit
    assertThat(page.getImages().get(0).getMouseTracking()).hasSize(49);
  }

  @Test
  void trackingAndImagesFloodedOverManyImages_areCappedPerPage() {
    start(limits(10_000, 3, 25, 1_000, 100, 10, 1_000, 100, 100));
    Script s = new Script("ann-1", "sess-1", T0);
    for (int image = 0; image < 8; image++) {  // before PageOpened any image may be named: 3 allowed
      for (int i = 0; i < 20; i++) {
        s.at(T0 + 1_000L * image + 20L * i).move("img-" + image, 0.5, 0.5);
      }
    }
    send(s.events);

    PageState page = pageInStore();
    assertThat(page.getImageIds()).containsExactly("img-0", "img-1", "img-2");
    assertThat(page.getTrackPointCount()).isEqualTo(25);
    assertThat(imageInStore("img-0").getRecord().getMouseTracking()).hasSize(10);  // the image's limit
    assertThat(imageInStore("img-1").getRecord().getMouseTracking()).hasSize(10);
    assertThat(imageInStore("img-2").getRecord().getMouseTracking()).hasSize(5);   // the page's limit
    assertThat(imageInStore("img-3")).isNull();
    List<DeadLetter> refused = withReason(capture.deadLetters.readValuesToList(), FoldProcessor.STATE_LIMIT);
    assertThat(refused).extracting(DeadLetter::getDetail)
        .anyMatch(d -> d.contains("limits.images-per-page"))
        .anyMatch(d -> d.contains("limits.track-points-per-image"))
        .anyMatch(d -> d.contains("limits.track-points-per-page"));
  }

  @Test
  void sequenceNumbersWithGaps_keepTheSessionsRangesBounded() {
    start(limits(10_000, 10, 1_000, 1_000, 100, 1_000, 1_000, 100, 5));
    Script s = new Script("ann-1", "sess-1", T0).opened(A);
    for (int i = 0; i < 20; i++) {
      s.at(T0 + 20L * i).move(A, 0.5, 0.5);
    }
    List<InteractionEvent> gapped = s.events.stream()
        .map(e -> InteractionEvent.newBuilder(e).setSeq(e.getSeq() * 2).build()).toList();  // 2, 4, 6 ...
    send(gapped);

    KeyValueStore<String, SeenEvents> seen = capture.driver.getKeyValueStore(CaptureTopology.SEEN_STORE);
    assertThat(seen.get("ann-1|sess-1").getRanges()).hasSize(10);
    List<DeadLetter> refused = withReason(capture.deadLetters.readValuesToList(), FoldProcessor.STATE_LIMIT);
    assertThat(refused).hasSize(21 - 5);
    assertThat(refused.get(0).getDetail()).contains("limits.seq-ranges-per-session");

    send(List.of(InteractionEvent.newBuilder(gapped.get(1)).setSeq(3).build()));  // closes a gap: folded
    assertThat(seen.get("ann-1|sess-1").getRanges()).hasSize(8);
  }

  @Test
  void hoverFloodWithTheDefaultLimits_keepsTheImageStateFarBelowTheRecordLimit() {
    StateLimits defaults = StateLimits.defaults();
    start(defaults);
    Script s = new Script("ann-1", "sess-1", T0).opened(A);
    int asked = defaults.hoverRecordsPerImage() + 1_000;
    for (int i = 0; i < asked / 2; i++) {
      s.at(T0 + i).enter(A).leave(A);
    }
    send(s.events);

    ImageState image = imageInStore(A);
    assertThat(image.getRecord().getHoveredRecord()).hasSize(defaults.hoverRecordsPerImage());
    assertThat(AvroSerde.of(ImageState.class).encode(image).length).isLessThan(1024 * 1024);
    assertThat(withReason(capture.deadLetters.readValuesToList(), FoldProcessor.STATE_LIMIT)).hasSize(1_000);
  }

  @Test
  void pageLargerThanAPageRecordMayBe_goesToTheDeadLetters_notToThePagesTopic() {
    capture = new CaptureDriver(new CaptureOptions(Duration.ofSeconds(1), Duration.ofMinutes(30), Duration.ofDays(7),
        StateLimits.defaults(), 2_000), T0);
    Script s = new Script("ann-1", "sess-1", T0).opened(A).enter(A);
    for (int i = 1; i <= 200; i++) {
      s.at(T0 + 20L * i).move(A, 0.5, 0.5);  // 200 points: ~4.6 KB
    }
    s.at(T0 + 5_000).submit("p1", T0, false);
    send(s.events);
    send(new Script("ann-2", "sess-2", T0 + 6_000).opened(B).submit("p2", T0, false).events);

    assertThat(capture.pages.readValuesToList()).extracting(PageRecord::getAnnotationId).containsExactly("ann-2");
    List<DeadLetter> letters = withReason(capture.deadLetters.readValuesToList(), UnproducibleOutputHandler.REASON);
    assertThat(letters).singleElement().satisfies(l -> {
      assertThat(l.getKey()).isEqualTo("ann-1");
      assertThat(l.getDetail()).contains("more than the 2000").contains("not written to the pages topic");
      assertThat(AvroSerde.of(PageRecord.class).decode(l.getPayload().array()).getImages().get(0).getMouseTracking())
          .as("the whole page is in the dead letter").hasSize(200);
    });
  }

  @Test
  void defaultLimits_allowAPageFarBelowTheRecordLimit_andAnOversizedSetIsRefused() {
    assertThat(StateLimits.defaults().worstCasePageBytes()).isLessThan(2L * 1024 * 1024);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> limits(1, 100, 1_000_000, 1, 1, 1, 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("track-points-per-page");
  }

  @Test
  void selectingClicksPastTheLimit_areRefused_deselectingClicksStillFold() {
    start(limits(10_000, 10, 1_000, 1_000, 100, 1_000, 1_000, 2, 100));
    Script s = new Script("ann-1", "sess-1", T0).opened(A);
    for (int i = 0; i < 5; i++) {
      s.at(T0 + 100L * i).click(A, 0.5, 0.5, true).at(T0 + 100L * i + 50).click(A, 0.5, 0.5, false);
    }
    send(s.events);

    ImageRecord record = imageInStore(A).getRecord();
    assertThat(record.getSelectedRecord()).hasSize(2);
    assertThat(record.getSelected()).isFalse();
    assertThat(withReason(capture.deadLetters.readValuesToList(), FoldProcessor.STATE_LIMIT)).hasSize(3);
  }
}
