package io.byproduct.gateway.live;

import io.byproduct.schemas.json.RecordJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.platform.pages.PageItems;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.event.SelectionToggled;
import io.byproduct.schemas.record.HoverAction;
import io.byproduct.schemas.record.HoverActionKind;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import io.byproduct.schemas.record.Position;
import io.byproduct.schemas.record.TrackPoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;

class LiveRecordJsonTest {

  private static JsonNode normalised(JsonNode node) {
    return RecordJson.MAPPER.readTree(RecordJson.MAPPER.writeValueAsString(node));
  }

  @Test
  void page_isWhatPageReaderReadsBackFromDynamoDb() {
    ImageRecord image = ImageRecord.newBuilder().setImageID("n01/a").setOriginalImageHeight(375).setOriginalImageWidth(500)
        .setImageHeight(255).setImageWidth(340).setImagePosition(new Position(8, 260))
        .setHoveredRecord(List.of(new HoverAction(HoverActionKind.enter, 1767225600123L)))
        .setHoveredCount(1).setMouseTracking(List.of(new TrackPoint(0.1377, 0.4902, 1767225600123L)))
        .setSelected(false).setSelectedCount(0).setSelectedRecord(List.of()).setEstimateTime(0).setWorkerId(null).build();
    PageRecord page = PageRecord.newBuilder().setAnnotationId("ann").setPageId(null).setPageNo(3)
        .setHitDatasetName("ds").setImageNetHitId(null).setWorkerId("W").setVersion("POINTER_ORIGINAL")
        .setStartedAt(1767225600000L).setEndedAt(1767225700000L).setStatus(PageStatus.ABANDONED).setEventCount(12)
        .setImages(List.of(image, image)).build();
    List<Map<String, AttributeValue>> items = PageItems.itemsOf(page);

    JsonNode stored = PageItems.toSeedJson(items.get(items.size() - 1), items.subList(0, items.size() - 1));

    assertThat(normalised(RecordJson.page(page))).isEqualTo(normalised(stored));
  }

  @Test
  void event_hasItsFields_andThePayloadNamedByType() {
    InteractionEvent e = InteractionEvent.newBuilder().setEventId("s:7").setSessionId("s").setSeq(7).setAnnotationId("a")
        .setHitDatasetName(null).setImageNetHitId("h").setPageNo(2).setWorkerId("W").setAssignmentId(null).setHitId(null)
        .setVersion(InterfaceVersion.NO_POINTER_ORIGINAL).setClientTime(10).setGatewayTime(11)
        .setPayload(new SelectionToggled("n01/a", 0.25, 0.75, true)).build();

    JsonNode json = RecordJson.avro(e);

    assertThat(json.toString()).isEqualTo("{\"eventId\":\"s:7\",\"sessionId\":\"s\",\"seq\":7,\"annotationId\":\"a\","
        + "\"hitDatasetName\":null,\"imageNetHitId\":\"h\",\"pageNo\":2,\"workerId\":\"W\",\"assignmentId\":null,"
        + "\"hitId\":null,\"version\":\"NO_POINTER_ORIGINAL\",\"clientTime\":10,\"gatewayTime\":11,"
        + "\"payload\":{\"type\":\"SelectionToggled\",\"imageId\":\"n01/a\",\"x\":0.25,\"y\":0.75,\"selected\":true}}");
  }
}
