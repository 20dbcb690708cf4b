package io.byproduct.gateway.ingest;

import static io.byproduct.gateway.ingest.TestIngest.NOW;
import static io.byproduct.gateway.ingest.TestIngest.hello;
import static io.byproduct.gateway.ingest.TestIngest.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.gateway.ingest.MessageDecoder.FrameAccepted;
import io.byproduct.gateway.ingest.MessageDecoder.HelloAccepted;
import io.byproduct.schemas.event.HoverChanged;
import org.junit.jupiter.api.Test;

/** Message level: size, JSON, hello first and once, the image table carried across frames. */
class MessageDecoderTest {

  private final TestIngest ingest = TestIngest.withDefaults();
  private final IngestSession session = new IngestSession();

  private MessageDecoder.Decoded decode(String text) {
    return ingest.decoder().decode(message(text), session);
  }

  @Test
  void helloThenFrames_carryTheImageTableUntilReplaced() {
    assertThat(decode(hello("s1", "a1"))).isInstanceOf(HelloAccepted.class);
    decode("{\"q\":1,\"p\":1,\"t0\":" + NOW + ",\"img\":[\"x/1\",\"x/2\"],\"e\":[]}");
    FrameAccepted second = (FrameAccepted) decode("{\"q\":1,\"p\":1,\"t0\":" + NOW + ",\"e\":[[3,0,1]]}");
    assertThat(((HoverChanged) second.frame().events().get(0).getPayload()).getImageId()).isEqualTo("x/2");

    decode("{\"q\":2,\"p\":2,\"t0\":" + NOW + ",\"img\":[\"y/1\"],\"e\":[]}");
    FrameAccepted third = (FrameAccepted) decode("{\"q\":2,\"p\":2,\"t0\":" + NOW + ",\"e\":[[3,0,0]]}");
    assertThat(((HoverChanged) third.frame().events().get(0).getPayload()).getImageId()).isEqualTo("y/1");
  }

  @Test
  void rejectedFrame_doesNotChangeTheImageTable() {
    decode(hello("s1", "a1"));
    decode("{\"q\":1,\"p\":1,\"t0\":" + NOW + ",\"img\":[\"x/1\"],\"e\":[]}");
    assertThatThrownBy(() -> decode("{\"q\":1,\"p\":1,\"t0\":" + NOW + ",\"img\":[\"y/1\",\"y/2\"],\"e\":[[42,0]]}"))
        .isInstanceOf(Rejection.class);
    assertThat(session.images()).containsExactly("x/1");
  }

  @Test
  void frameBeforeHello_isMissingHello_withItsSeq() {
    assertThatThrownBy(() -> decode("{\"q\":5,\"p\":1,\"t0\":" + NOW + ",\"e\":[]}"))
        .isInstanceOfSatisfying(Rejection.class, r -> {
          assertThat(r.reason()).isEqualTo(RejectReason.MISSING_HELLO);
          assertThat(r.firstSeq()).isEqualTo(5);
          assertThat(r.key()).isNull();
          assertThat(r.getMessage()).isEqualTo("frame before hello: a connection starts with {\"hello\":{...}}");
        });
  }

  @Test
  void secondHello_isDuplicateHello_keyedByTheFirst() {
    decode(hello("s1", "a1"));
    assertThatThrownBy(() -> decode(hello("s2", "a2")))
        .isInstanceOfSatisfying(Rejection.class, r -> {
          assertThat(r.reason()).isEqualTo(RejectReason.DUPLICATE_HELLO);
          assertThat(r.key()).isEqualTo("a1");
        });
    assertThat(session.context().sessionId()).isEqualTo("s1");
  }

  @Test
  void invalidHello_isKeyedByItsAnnotationId_andLeavesTheConnectionWithoutHello() {
    assertThatThrownBy(() -> decode("{\"hello\":{\"v\":1,\"s\":\"\",\"a\":\"a9\",\"ver\":\"POINTER_ORIGINAL\"}}"))
        .isInstanceOfSatisfying(Rejection.class, r -> {
          assertThat(r.reason()).isEqualTo(RejectReason.INVALID_FIELD);
          assertThat(r.key()).isEqualTo("a9");
          assertThat(r.getMessage()).isEqualTo("hello: s must not be blank");
        });
    assertThat(session.hasHello()).isFalse();
  }

  @Test
  void malformedJson_namesWhereItBroke() {
    decode(hello("s1", "a1"));
    assertThatThrownBy(() -> decode("{\"q\":1,\"p\":"))
        .isInstanceOfSatisfying(Rejection.class, r -> {
          assertThat(r.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
          assertThat(r.firstSeq()).isNull();
          assertThat(r.key()).isEqualTo("a1");
          assertThat(r.getMessage()).startsWith("malformed JSON at line 1, column ");
        });
    assertThatThrownBy(() -> decode("")).hasMessage("malformed JSON: the message is empty");
    assertThatThrownBy(() -> decode("{\"q\":1,\"q\":2}")).isInstanceOfSatisfying(Rejection.class,
        r -> assertThat(r.getMessage()).contains("Duplicate Object property \"q\""));
    assertThatThrownBy(() -> decode("{} {}")).isInstanceOfSatisfying(Rejection.class,
        r -> assertThat(r.reason()).isEqualTo(RejectReason.MALFORMED_JSON));
  }

  @Test
  void frameSize_isCheckedBeforeParsing_limitInclusive() {
    IngestProperties small = TestIngest.limits(200, 2000, 20, 200);
    MessageDecoder decoder = new TestIngest(small, true).decoder();
    decoder.decode(message(hello("s1", "a1")), session);
    String frame = "{\"q\":1,\"p\":1,\"t0\":" + NOW + ",\"e\":[]}";
    String exactly200 = frame.substring(0, frame.length() - 1) + " ".repeat(200 - frame.length()) + "}";
    assertThat(exactly200).hasSize(200);
    assertThat(decoder.decode(message(exactly200), session)).isInstanceOf(FrameAccepted.class);
    assertThatThrownBy(() -> decoder.decode(message(exactly200 + " "), session))
        .isInstanceOfSatisfying(Rejection.class, r -> {
          assertThat(r.reason()).isEqualTo(RejectReason.OVERSIZED_FRAME);
          assertThat(r.getMessage()).isEqualTo("message: 201 bytes, at most 200 are allowed");
          assertThat(r.key()).isEqualTo("a1");
        });
  }

  @Test
  void helloWithOtherFields_isInvalid() {
    assertThatThrownBy(() -> decode("{\"hello\":{},\"q\":1}"))
        .hasMessage("message: a hello message holds only 'hello', found 2 fields");
  }
}
