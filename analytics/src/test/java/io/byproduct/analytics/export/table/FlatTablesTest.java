package io.byproduct.analytics.export.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.analytics.Fixtures;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.record.HoverAction;
import io.byproduct.schemas.record.HoverActionKind;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.Position;
import io.byproduct.schemas.record.TrackPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class FlatTablesTest {

  private static final List<PageTables.Flat> PAGE_TABLES = List.of(PageTables.PAGES, PageTables.IMAGES,
      PageTables.HOVERS, PageTables.POINTS, PageTables.CLICKS);

  /** One image, two hovers (the second without a leave), 3 points, a selecting click in the first hover. */
  private static PageRecord page() {
    ImageRecord image = ImageRecord.newBuilder().setImageID("n01/img").setOriginalImageWidth(1000)
        .setOriginalImageHeight(500).setImageWidth(400).setImageHeight(200).setImagePosition(new Position(8, 260))
        .setHoveredRecord(List.of(new HoverAction(HoverActionKind.enter, 1000L), new HoverAction(HoverActionKind.leave, 1500L),
            new HoverAction(HoverActionKind.enter, 3000L)))
        .setHoveredCount(2)
        .setMouseTracking(List.of(new TrackPoint(0.5, 0.5, 1000L), new TrackPoint(0.25, 0.75, 1100L),
            new TrackPoint(0.1, 0.9, 3000L)))
        .setSelected(true).setSelectedCount(1).setSelectedRecord(List.of(new TrackPoint(0.3, 0.6, 1200L)))
        .setEstimateTime(200).setWorkerId("W1").build();
    return PageRecord.newBuilder().setAnnotationId("ann").setPageId("p1").setPageNo(2).setHitDatasetName("ds")
        .setImageNetHitId("hit").setWorkerId("W1").setVersion("POINTER_ORIGINAL").setStartedAt(500).setEndedAt(4000)
        .setStatus(io.byproduct.schemas.record.PageStatus.SUBMITTED).setEventCount(9).setImages(List.of(image)).build();
  }

  private static List<Map<String, Object>> rows(PageTables.Flat flat, PageRecord page) {
    List<Map<String, Object>> rows = new ArrayList<>();
    flat.rows().of(page, row -> {
      assertThat(row).as(flat.table().name() + ": one value per column").hasSize(flat.table().width());
      Map<String, Object> named = new java.util.LinkedHashMap<>();
      for (int i = 0; i < row.length; i++) {
        named.put(flat.table().columns().get(i).name(), row[i]);
      }
      rows.add(named);
    });
    return rows;
  }

  @Test
  void everyTable_startsWithItsJoinKeys_andNamesTimesInMs() {
    for (PageTables.Flat flat : PAGE_TABLES) {
      assertThat(flat.table().names()).startsWith("annotation_id", "page_no");
      for (Column c : flat.table().columns()) {
        if (c.name().endsWith("_ms")) {
          assertThat(c.type()).isEqualTo(Column.Type.LONG);
        }
      }
    }
    assertThat(PageTables.POINTS.table().names()).startsWith("annotation_id", "page_no", "image_id", "hover_no");
    assertThat(PageTables.CLICKS.table().names()).startsWith("annotation_id", "page_no", "image_id", "hover_no");
    assertThat(PageTables.HOVERS.table().names()).startsWith("annotation_id", "page_no", "image_id", "hover_no");
    assertThatThrownBy(() -> Column.millis("started_at", "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Column.string("startedAt", "")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void avroSchema_hasNoEnums_idsAreStrings() {
    for (Table table : List.of(PageTables.IMAGES.table(), EventTable.TABLE)) {
      for (Schema.Field f : table.avroSchema().getFields()) {
        Schema type = f.schema().getTypes().get(1);
        assertThat(type.getType()).isNotEqualTo(Schema.Type.ENUM);
        if (f.name().endsWith("_id")) {
          assertThat(type.getType()).as(f.name()).isEqualTo(Schema.Type.STRING);
        }
      }
    }
  }

  @Test
  void imagesRow_carriesThePagesContext() {
    Map<String, Object> row = rows(PageTables.IMAGES, page()).get(0);
    assertThat(row).containsEntry("page_id", "p1").containsEntry("worker_id", "W1").containsEntry("status", "SUBMITTED")
        .containsEntry("page_started_at_ms", 500L).containsEntry("page_ended_at_ms", 4000L)
        .containsEntry("selected", true).containsEntry("point_count", 3).containsEntry("image_x", 8);
    assertThat(rows(PageTables.PAGES, page()).get(0)).containsEntry("duration_ms", 3500L)
        .containsEntry("selected_image_count", 1).containsEntry("version", "POINTER_ORIGINAL");
  }

  @Test
  void hovers_runFromEnterToLeave_theLastOpenOneToThePagesEnd() {
    List<Map<String, Object>> hovers = rows(PageTables.HOVERS, page());
    assertThat(hovers).hasSize(2);
    assertThat(hovers.get(0)).containsEntry("hover_no", 1).containsEntry("entered_at_ms", 1000L)
        .containsEntry("left_at_ms", 1500L).containsEntry("duration_ms", 500L).containsEntry("point_count", 2)
        .containsEntry("click_count", 1);
    assertThat(hovers.get(1)).containsEntry("hover_no", 2).containsEntry("left_at_ms", null)
        .containsEntry("duration_ms", 1000L).containsEntry("point_count", 1).containsEntry("click_count", 0);
  }

  @Test
  void pointsAndClicks_belongToTheirHover_inFractionsAndPixels() {
    List<Map<String, Object>> points = rows(PageTables.POINTS, page());
    assertThat(points).extracting(p -> p.get("hover_no")).containsExactly(1, 1, 2);
    assertThat(points.get(1)).containsEntry("point_no", 2).containsEntry("time_ms", 1100L).containsEntry("x", 0.25)
        .containsEntry("x_px", 100.0).containsEntry("y_px", 150.0);
    List<Map<String, Object>> clicks = rows(PageTables.CLICKS, page());
    assertThat(clicks).hasSize(1);
    assertThat(clicks.get(0)).containsEntry("hover_no", 1).containsEntry("time_ms", 1200L).containsEntry("x_px", 120.0)
        .containsEntry("y_px", 120.0);
  }

  @Test
  void eventRow_namesItsKind_andThePayloadsFields() {
    List<InteractionEvent> events = Fixtures.pageEvents("a", "s", 1, "d", 1, 1000, true, true);
    Table t = EventTable.TABLE;
    for (InteractionEvent e : events) {
      Object[] row = EventTable.row(e, false, false);
      assertThat(row).hasSize(t.width());
      assertThat(row[t.indexOf("type")]).isEqualTo(e.getPayload().getClass().getSimpleName());
    }
    Object[] laidOut = EventTable.row(events.get(2), true, false);
    assertThat(laidOut[t.indexOf("type")]).isEqualTo("ImageLaidOut");
    assertThat(laidOut[t.indexOf("layout_width")]).isEqualTo(340.0);
    assertThat(laidOut[t.indexOf("natural_height")]).isEqualTo(375);
    assertThat(laidOut[t.indexOf("page_replaced")]).isEqualTo(true);
    assertThat(laidOut[t.indexOf("x")]).isNull();
    assertThat(EventTable.row(events.get(0), false, false)[t.indexOf("type")]).isEqualTo("HitStarted");
    Object[] opened = EventTable.row(events.get(1), false, false);
    assertThat(opened[t.indexOf("image_ids")]).isEqualTo("[\"n0144/a_1_a\",\"n0144/a_1_b\"]");
    assertThat(opened[t.indexOf("version")]).isEqualTo("POINTER_ORIGINAL");
  }

  @Test
  void seenEvents_keepsTheFirstCopyOfEachSessionAndSeq() {
    SeenEvents seen = new SeenEvents();
    assertThat(seen.first("s1", 1)).isTrue();
    assertThat(seen.first("s1", 1)).isFalse();
    assertThat(seen.first("s2", 1)).isTrue();
    assertThat(seen.first("s1", 1L << 40)).isTrue();
    assertThat(seen.first("s1", 1L << 40)).isFalse();
    assertThat(seen.first("s1", -5)).isTrue();
    assertThat(seen.first("s1", Long.MAX_VALUE)).isTrue();
    assertThat(seen.first("s1", Long.MAX_VALUE)).isFalse();
    assertThat(seen.first("s1", Long.MIN_VALUE)).isTrue();
    assertThat(seen.first("s1", Long.MIN_VALUE)).isFalse();
  }

  @Test
  void seenEvents_anHonestSessionIsOneRun_resendsInAnyOrderAreCaught() {
    SeenEvents seen = new SeenEvents();
    for (long seq = 1; seq <= 100_000; seq++) {
      assertThat(seen.first("s", seq)).isTrue();
    }
    assertThat(seen.runs()).isEqualTo(1);
    assertThat(seen.first("s", 50_000)).isFalse();
    // out of order: 5, then 3, then 4 joins both into one run
    assertThat(seen.first("t", 5)).isTrue();
    assertThat(seen.first("t", 3)).isTrue();
    assertThat(seen.first("t", 4)).isTrue();
    assertThat(seen.first("t", 4)).isFalse();
    assertThat(seen.runs()).isEqualTo(2);
  }

  /**
   * Attack: forged sequence numbers near 2^24 or 2^62 in many sessions, to make the exporting
   * machine allocate per sequence number (a bit set per session would take 2 MiB to 2^59 bytes each).
   */
  @Test
  void attack_hugeForgedSequenceNumbers_costOneRunEach() {
    SeenEvents seen = new SeenEvents();
    Runtime runtime = Runtime.getRuntime();
    for (int session = 0; session < 20_000; session++) {
      assertThat(seen.first("forged-" + session, (1L << 24) - 1)).isTrue();
      assertThat(seen.first("forged-" + session, (1L << 62) + session)).isTrue();
    }
    assertThat(seen.runs()).isEqualTo(40_000);
    assertThat(runtime.totalMemory() - runtime.freeMemory()).as("heap in use").isLessThan(1L << 30);
  }

  @Test
  void pageVersions_flagEveryPageLoadButTheLast() {
    PageVersions versions = new PageVersions();
    List<InteractionEvent> first = Fixtures.pageEvents("a", "s1", 1, "d", 1, 1000, false, false);
    List<InteractionEvent> second = Fixtures.pageEvents("a", "s2", 1, "d", 1, 9000, true, false);
    List<InteractionEvent> otherPage = Fixtures.pageEvents("a", "s2", 50, "d", 2, 9000, true, false);
    first.forEach(versions::observe);
    second.forEach(versions::observe);
    otherPage.forEach(versions::observe);
    versions.observe(first.get(3)); // a late resend of the first load does not make it current again
    assertThat(versions.replaced(first.get(0))).isTrue();
    assertThat(versions.replaced(second.get(0))).isFalse();
    assertThat(versions.replaced(otherPage.get(0))).isFalse();
  }
}
