package io.byproduct.schemas.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.schemas.event.FocusChanged;
import io.byproduct.schemas.event.HitFinished;
import io.byproduct.schemas.event.HitStarted;
import io.byproduct.schemas.event.HoverChanged;
import io.byproduct.schemas.event.ImageLaidOut;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.event.PageOpened;
import io.byproduct.schemas.event.PageSubmitted;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.event.SelectionToggled;
import io.byproduct.schemas.event.VisibilityChanged;
import io.byproduct.schemas.serde.AvroSerde;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchesTest {

  static final long T0 = 1_700_000_000_000L;

  /** One frame's events: every payload kind, consecutive seqs from 7. */
  static List<InteractionEvent> frame() {
    List<Object> payloads = List.of(
        new HitStarted(T0 - 5, "annotator"),
        new PageOpened("c1", "n01440764", List.of("tench", "fish"), List.of("img/a", "img/b", "img/c"), 10),
        new ImageLaidOut("img/b", 10.5, -3.25, 200.0, 150.75, 640, 480),
        new HoverChanged("img/b", true),
        new PointerSample("img/b", 0.1234, 1.0),
        new PointerSample("img/b", 0.0, 0.9999),
        new SelectionToggled("img/b", 0.5, 0.0001, true),
        new HoverChanged("img/b", false),
        new VisibilityChanged(false),
        new FocusChanged(true),
        new PageSubmitted("page-uuid", T0 - 100, false),
        new HitFinished(10));
    List<InteractionEvent> events = new ArrayList<>();
    for (int k = 0; k < payloads.size(); k++) {
      events.add(event(7 + k, T0 + 16L * k, payloads.get(k)));
    }
    return events;
  }

  static InteractionEvent event(long seq, long clientTime, Object payload) {
    return new InteractionEvent("s1:" + seq, "s1", seq, "ann-1", "ds", "hit-9", 3, "pseudo", "asg", "H1",
        InterfaceVersion.POINTER_ORIGINAL, clientTime, T0 + 999, payload);
  }

  @Test
  void unfold_ofPack_givesBackEveryEventFieldForField() {
    List<InteractionEvent> events = frame();

    InteractionBatch batch = Batches.pack(events);

    assertThat(batch.getFirstSeq()).isEqualTo(7);
    assertThat(batch.getImages()).containsExactly("img/a", "img/b", "img/c");
    assertThat(Batches.unfold(batch)).isEqualTo(events);
  }

  @Test
  void unfold_afterEncodingAndDecoding_givesBackTheEvents() {
    List<InteractionEvent> events = frame();
    AvroSerde<InteractionBatch> serde = InteractionRecords.batches();

    InteractionBatch read = serde.decode(serde.encode(Batches.pack(events)));

    assertThat(Batches.unfold(read)).isEqualTo(events);
  }

  @Test
  void pack_isFarSmallerThanTheEventsOnePerRecord() {
    List<InteractionEvent> samples = new ArrayList<>();
    for (int k = 0; k < 30; k++) {
      samples.add(event(100 + k, T0 + 17L * k, new PointerSample("n01440764/n01440764_105", k / 100.0, 0.5)));
    }
    long perEvent = samples.stream().mapToLong(e -> InteractionRecords.events().encode(e).length).sum();

    long batched = InteractionRecords.batches().encode(Batches.pack(samples)).length;

    assertThat(batched * 5).isLessThan(perEvent);
  }

  @Test
  void pack_refusesWhatOneBatchCannotSay() {
    List<InteractionEvent> gap = List.of(event(1, T0, new FocusChanged(true)), event(3, T0, new FocusChanged(true)));
    InteractionEvent otherPage = event(2, T0, new FocusChanged(true));
    otherPage.setPageNo(4);
    InteractionEvent offGrid = event(1, T0, new PointerSample("i", 0.12345, 0.5));
    InteractionEvent ownId = event(1, T0, new FocusChanged(true));
    ownId.setEventId("client-made");

    assertThatThrownBy(() -> Batches.pack(gap)).hasMessageContaining("consecutive");
    assertThatThrownBy(() -> Batches.pack(List.of(event(1, T0, new FocusChanged(true)), otherPage)))
        .hasMessageContaining("envelope");
    assertThatThrownBy(() -> Batches.pack(List.of(offGrid))).hasMessageContaining("1e-4");
    assertThatThrownBy(() -> Batches.pack(List.of(ownId))).hasMessageContaining("sessionId:seq");
    assertThatThrownBy(() -> Batches.pack(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThat(Batches.packable(gap)).isFalse();
  }

  @Test
  void entries_anImageIndexOffTheTable_isNamedAndItsNeighboursUnfold() {
    InteractionBatch batch = Batches.pack(List.of(
        event(1, T0, new PointerSample("a", 0.1, 0.1)),
        event(2, T0 + 16, new PointerSample("a", 0.2, 0.2)),
        event(3, T0 + 32, new PointerSample("a", 0.3, 0.3))));
    ((Pointer) batch.getEntries().get(1).getPayload()).setImage(5);

    List<Batches.Unfolded> entries = Batches.entries(batch);

    assertThat(entries).extracting(Batches.Unfolded::valid).containsExactly(true, false, true);
    assertThat(entries.get(1).seq()).isEqualTo(2);
    assertThat(entries.get(1).problem()).contains("image 5").contains("table has 1");
    assertThat(Batches.unfold(batch)).extracting(InteractionEvent::getSeq).containsExactly(1L, 3L);
  }
}
