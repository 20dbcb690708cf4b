package io.byproduct.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.record.PageRecord;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private final AvroSerde<InteractionEvent> serde = AvroSerde.of(InteractionEvent.class);

  static InteractionEvent pointerSample() {
    return InteractionEvent.newBuilder()
        .setEventId("s1:7").setSessionId("s1").setSeq(7).setAnnotationId("a-1")
        .setHitDatasetName("demo").setImageNetHitId("hit-1").setPageNo(2)
        .setWorkerId("47DBDD543E").setAssignmentId(null).setHitId(null)
        .setVersion(InterfaceVersion.POINTER_ORIGINAL)
        .setClientTime(1641425051975L).setGatewayTime(1641425052000L)
        .setPayload(new PointerSample("n01440764/n01440764_105", 0.0030864197530864196, 0.629629629629629))
        .build();
  }

  @Test
  void serializeThenDeserialize_returnsEqualEvent() {
    InteractionEvent event = pointerSample();

    byte[] bytes = serde.serializer().serialize("interactions", event);
    InteractionEvent back = serde.deserializer().deserialize("interactions", bytes);

    assertThat(back).isEqualTo(event);
    assertThat(back.getPayload()).isInstanceOf(PointerSample.class);
  }

  @Test
  void serialize_usesSingleObjectEncodingHeader() {
    byte[] bytes = serde.encode(pointerSample());

    assertThat(Arrays.copyOf(bytes, 2)).containsExactly((byte) 0xC3, (byte) 0x01);
  }

  @Test
  void null_passesThroughAsNull() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void deserialize_garbage_failsWithSerializationExceptionNamingTheType() {
    assertThatThrownBy(() -> serde.decode(new byte[] {1, 2, 3}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("InteractionEvent");
  }

  @Test
  void deserialize_recordOfAnotherSchema_isRefused() {
    byte[] pageBytes = AvroSerde.of(PageRecord.class).encode(PageRecord.newBuilder()
        .setAnnotationId("a").setPageNo(1).setStartedAt(1).setEndedAt(2)
        .setStatus(io.byproduct.schemas.record.PageStatus.SUBMITTED)
        .setImages(java.util.List.of()).build());

    assertThatThrownBy(() -> serde.decode(pageBytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("InteractionEvent");
  }

  @Test
  void serialize_missingRequiredField_failsClearly() {
    InteractionEvent incomplete = pointerSample();
    incomplete.setAnnotationId(null);

    assertThatThrownBy(() -> serde.encode(incomplete))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("InteractionEvent");
  }
}
