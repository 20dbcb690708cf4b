package io.byproduct.platform.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.platform.tables.Tables;
import io.byproduct.schemas.json.SeedJson;
import io.byproduct.schemas.record.HoverAction;
import io.byproduct.schemas.record.HoverActionKind;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import io.byproduct.schemas.record.Position;
import io.byproduct.schemas.record.TrackPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;

class PageItemsTest {

  static PageRecord page(int images, int pointsPerImage, long seed) {
    Random random = new Random(seed);
    List<ImageRecord> records = new ArrayList<>();
    for (int i = 0; i < images; i++) {
      List<TrackPoint> points = new ArrayList<>();
      for (int p = 0; p < pointsPerImage; p++) {
        points.add(new TrackPoint(random.nextDouble(), random.nextDouble(), 1_700_000_000_000L + 17L * p));
      }
      records.add(ImageRecord.newBuilder().setImageID("n01440764/img_" + i)
          .setOriginalImageHeight(375).setOriginalImageWidth(500).setImageHeight(243).setImageWidth(243)
          .setImagePosition(new Position(10 * i, 20 * i))
          .setHoveredRecord(List.of(new HoverAction(HoverActionKind.enter, 1L), new HoverAction(HoverActionKind.leave, 2L)))
          .setHoveredCount(1).setMouseTracking(points).setSelected(i % 2 == 0).setSelectedCount(i % 2)
          .setSelectedRecord(i % 2 == 0 ? List.of(new TrackPoint(0.5, 0.25, 3L)) : List.of())
          .setEstimateTime(100L * i).setWorkerId("W1").build());
    }
    return PageRecord.newBuilder().setAnnotationId("ann-1").setPageId("page-uuid").setPageNo(3)
        .setHitDatasetName("demo").setImageNetHitId("hit-1").setWorkerId("W1").setVersion("POINTER_ORIGINAL")
        .setStartedAt(1000L).setEndedAt(2000L).setStatus(PageStatus.SUBMITTED).setEventCount(42).setImages(records).build();
  }

  private static void assertReadsBackAsTheSeedsJson(PageRecord page, List<Map<String, AttributeValue>> items) {
    Map<String, AttributeValue> head = items.get(items.size() - 1);
    JsonNode json = PageItems.toSeedJson(head, items.subList(0, items.size() - 1));

    assertThat(json.get("imageNetAnnotationID").asString()).isEqualTo("ann-1");
    assertThat(json.get("id").asString()).isEqualTo("page-uuid");
    assertThat(json.get("pageno").asInt()).isEqualTo(3);
    assertThat(json.get("startedAt").asLong()).isEqualTo(1000L);
    assertThat(json.get("status").asString()).isEqualTo("SUBMITTED");
    JsonNode annotations = json.get("annotations");
    assertThat(annotations.size()).isEqualTo(page.getImages().size());
    for (int i = 0; i < page.getImages().size(); i++) {
      assertThat(SeedJson.fromTree(annotations.get(i))).isEqualTo(page.getImages().get(i));
    }
  }

  @Test
  void smallPage_isOneItemWithANativeList() {
    PageRecord page = page(48, 20, 1);

    List<Map<String, AttributeValue>> items = PageItems.itemsOf(page);

    assertThat(items).hasSize(1);
    assertThat(items.get(0).get(PageItems.ANNOTATIONS).l()).hasSize(48);
    assertThat(items.get(0).get(Tables.PAGE_RANGE).s()).isEqualTo("0003");
    assertReadsBackAsTheSeedsJson(page, items);
  }

  @Test
  void restPage_keepsItsSourceAndContentHash_andAnOldItemWithoutSourceReadsAsStream() {
    PageRecord rest = page(2, 3, 4);
    rest.setSource(io.byproduct.schemas.record.PageSources.REST);
    rest.setContentHash("93810aff3e17a50aead7541e2caa1fc9");

    JsonNode json = PageItems.toSeedJson(PageItems.itemsOf(rest).get(0), List.of());
    assertThat(json.get("source").asString()).isEqualTo("rest");
    assertThat(json.get("contentHash").asString()).isEqualTo("93810aff3e17a50aead7541e2caa1fc9");

    Map<String, AttributeValue> old = new java.util.HashMap<>(PageItems.itemsOf(page(2, 3, 5)).get(0));
    assertThat(old.get(PageItems.SOURCE).s()).isEqualTo("stream");
    old.remove(PageItems.SOURCE);
    assertThat(PageItems.toSeedJson(old, List.of()).get("source").asString()).isEqualTo("stream");
    assertThat(PageItems.toSeedJson(old, List.of()).has("contentHash")).isFalse();
  }

  @Test
  void pageOverTheInlineLimit_isCompressedIntoTheHead() {
    PageRecord page = page(48, 300, 2);

    List<Map<String, AttributeValue>> items = PageItems.itemsOf(page);

    assertThat(items).hasSize(1);
    assertThat(items.get(0)).containsKey(PageItems.ANNOTATIONS_GZIP).doesNotContainKey(PageItems.ANNOTATIONS);
    assertReadsBackAsTheSeedsJson(page, items);
  }

  @Test
  void tenMinutesOf60HzTracking_isSplitIntoPartsUnderTheItemLimit() {
    PageRecord page = page(48, 750, 3);  // 36,000 points, as ten minutes at 60 Hz

    List<Map<String, AttributeValue>> items = PageItems.itemsOf(page);

    assertThat(items.size()).isGreaterThan(2);
    for (Map<String, AttributeValue> item : items) {
      long bytes = item.values().stream().mapToLong(v -> v.b() != null ? v.b().asByteArray().length : 64).sum();
      assertThat(bytes).isLessThan(400 * 1024);
    }
    assertThat(items.get(0).get(Tables.PAGE_RANGE).s()).isEqualTo("0003#01");
    assertThat(items.get(items.size() - 1).get(PageItems.ANNOTATIONS_PARTS).n())
        .isEqualTo(String.valueOf(items.size() - 1));
    assertReadsBackAsTheSeedsJson(page, items);
  }
}
