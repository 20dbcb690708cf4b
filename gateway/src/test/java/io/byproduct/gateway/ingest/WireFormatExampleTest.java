package io.byproduct.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.gateway.ingest.MessageDecoder.FrameAccepted;
import io.byproduct.schemas.event.ImageLaidOut;
import io.byproduct.schemas.event.InteractionEvent;
import io.byproduct.schemas.event.InterfaceVersion;
import io.byproduct.schemas.event.PageOpened;
import io.byproduct.schemas.event.PointerSample;
import io.byproduct.schemas.event.SelectionToggled;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked example of docs/wire-format.md, byte for byte: it decodes to what the document says. */
class WireFormatExampleTest {

  static final String HELLO = "{\"hello\":{\"v\":1,\"s\":\"6b0f3c1e-2a4d-4f7e-9c3b-1d2e3f4a5b6c\","
      + "\"a\":\"0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a\",\"ds\":\"imagenet-v2-b\",\"h\":\"hit-000123\",\"w\":\"A1B2C3D4E5F6G7\","
      + "\"as\":\"3XYZABCDEFGHIJKLMNOPQRSTUVWXY\",\"hi\":\"3ABCDEFGHIJKLMNOPQRSTUVWXYZ0\",\"ver\":\"POINTER_NO_ORIGINAL\","
      + "\"k\":\"ETJEycH_BFXNVFsxChlRpQ\"}}";
  static final String FRAME_1 = "{\"q\":1,\"p\":2,\"t0\":1767225600000,\"img\":[\"n01440764/n01440764_10026\","
      + "\"n01440764/n01440764_10405\",\"n01440764/n01440764_10784\"],\"e\":[[0,0,\"c-0\",\"n01440764\",[\"tench\",\"Tinca tinca\"],10],"
      + "[1,12,0,132,424,340,255,500,375],[1,31,1,488,424,340,255,500,375],[1,40,2,886.5,424,255,340,375,500]]}";
  static final String FRAME_2 = "{\"q\":5,\"p\":2,\"t0\":1767225603210,\"e\":[[3,0,1],[2,0,1,512,4807],[2,17,1,1377,4902],"
      + "[2,33,1,2150,4990],[2,50,1,2701,5051],[5,212,1,2750,5060,1],[2,229,1,2752,5062],[4,480,1]]}";

  @Test
  void workedExample_decodesAsDocumented() {
    TestIngest ingest = TestIngest.withDefaults();
    IngestSession session = new IngestSession();
    ingest.decoder().decode(TestIngest.message(HELLO), session);
    List<InteractionEvent> first = ((FrameAccepted) ingest.decoder().decode(TestIngest.message(FRAME_1), session)).frame().events();
    List<InteractionEvent> second = ((FrameAccepted) ingest.decoder().decode(TestIngest.message(FRAME_2), session)).frame().events();

    assertThat(HELLO).hasSize(292);
    assertThat(FRAME_1).hasSize(282);
    assertThat(FRAME_2).hasSize(172);
    assertThat(first).extracting(InteractionEvent::getSeq).containsExactly(1L, 2L, 3L, 4L);
    assertThat(first.get(0).getPayload()).isEqualTo(new PageOpened("c-0", "n01440764", List.of("tench", "Tinca tinca"),
        List.of("n01440764/n01440764_10026", "n01440764/n01440764_10405", "n01440764/n01440764_10784"), 10));
    assertThat(first.get(3).getPayload()).isEqualTo(new ImageLaidOut("n01440764/n01440764_10784", 886.5, 424.0, 255.0, 340.0, 375, 500));

    InteractionEvent sample = second.get(2);
    assertThat(sample.getEventId()).isEqualTo("6b0f3c1e-2a4d-4f7e-9c3b-1d2e3f4a5b6c:7");
    assertThat(sample.getSeq()).isEqualTo(7);
    assertThat(sample.getAnnotationId()).isEqualTo("0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a");
    assertThat(sample.getPageNo()).isEqualTo(2);
    assertThat(sample.getClientTime()).isEqualTo(1_767_225_603_227L);
    assertThat(sample.getWorkerId()).isEqualTo(TestIngest.PSEUDONYMS.pseudonymise("A1B2C3D4E5F6G7"));
    assertThat(sample.getVersion()).isEqualTo(InterfaceVersion.POINTER_NO_ORIGINAL);
    assertThat(sample.getPayload()).isEqualTo(new PointerSample("n01440764/n01440764_10405", 0.1377, 0.4902));
    assertThat(second.get(5).getPayload()).isEqualTo(new SelectionToggled("n01440764/n01440764_10405", 0.275, 0.506, true));
    assertThat(second.get(7).getSeq()).isEqualTo(12);
  }
}
