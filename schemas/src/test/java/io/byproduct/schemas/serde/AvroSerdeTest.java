package io.byproduct.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.schemas.deadletter.DeadLetter;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.record.AnnotationRecord;
import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.ImageUpdate;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.state.ImageState;
import io.byproduct.schemas.state.PageState;
import io.byproduct.schemas.state.SeenEvents;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
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

  @Test
  void encode_isByteForByteAvrosSingleObjectEncoding_forEveryRecordType_andAfterAFailedWrite() throws Exception {
    RandomDatum random = new RandomDatum(7);
    for (Class<? extends SpecificRecord> type : List.of(InteractionEvent.class, PageRecord.class, ImageRecord.class,
        ImageState.class, PageState.class, SeenEvents.class, AnnotationRecord.class, ImageUpdate.class, DeadLetter.class)) {
      assertEncodedAsAvroDoes(type, random);
    }
  }

  private static <T extends SpecificRecord> void assertEncodedAsAvroDoes(Class<T> type, RandomDatum random)
      throws Exception {
    AvroSerde<T> ours = AvroSerde.of(type);
    Schema schema = SpecificData.get().getSchema(type);
    BinaryMessageEncoder<T> avro = new BinaryMessageEncoder<>(SpecificData.getForClass(type), schema);
    for (int i = 0; i < 50; i++) {
      @SuppressWarnings("unchecked")
      T value = (T) SpecificData.getForClass(type).deepCopy(schema, random.next(schema));
      ByteBuffer expected = avro.encode(value);
      byte[] want = new byte[expected.remaining()];
      expected.get(want);
      assertThat(ours.encode(value)).as("%s #%d", type.getSimpleName(), i).isEqualTo(want);
      assertThat(ours.decode(ours.encode(value))).isEqualTo(value);
      if (i == 10 && type == InteractionEvent.class) {
        InteractionEvent broken = pointerSample();
        broken.setSessionId(null);
        assertThatThrownBy(() -> ((AvroSerde<InteractionEvent>) (AvroSerde<?>) ours).encode(broken))
            .isInstanceOf(SerializationException.class);
      }
    }
  }
}
