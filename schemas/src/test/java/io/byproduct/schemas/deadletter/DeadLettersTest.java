package io.byproduct.schemas.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dead-letter contract every service builds its letters with: reasons, caps, the payload once, the scrubbing hook. */
class DeadLettersTest {

  @Test
  void oversizedPayload_isCutTo64KiB_andMarkedTruncated_soTheLetterStaysFarBelowTheRecordLimit() {
    byte[] twoMegabytes = new byte[2 * 1024 * 1024];
    Arrays.fill(twoMegabytes, (byte) 7);

    DeadLetter letter = DeadLetters.letter("page-assembler", DeadLetterReason.UNDECODABLE, "not Avro")
        .payload(DeadLetterPayload.bytes(twoMegabytes)).origin("pages", 1, 42L).build(5L);

    assertThat(letter.getPayload().remaining()).isEqualTo(DeadLetters.MAX_PAYLOAD_BYTES);
    assertThat(letter.getPayloadTruncated()).isTrue();
    assertThat(letter.getPayloadText()).isNull();
    assertThat(letter.getReason()).isEqualTo("undecodable");
    assertThat(letter.getOriginTopic()).isEqualTo("pages");
    assertThat(letter.getOriginPartition()).isEqualTo(1);
    assertThat(letter.getOriginOffset()).isEqualTo(42L);
    byte[] serialised = Topics.defaults().deadLetters.valueSerde().serializer().serialize("dead-letters", letter);
    assertThat(serialised.length).isLessThan(DeadLetters.MAX_PAYLOAD_BYTES + 8 * 1024);
  }

  @Test
  void smallPayload_isKeptWhole_once() {
    byte[] payload = {9, 9, 9};
    DeadLetter letter = DeadLetters.letter("stream-processor", DeadLetterReason.MISSING_VALUE, null)
        .key("k").payload(DeadLetterPayload.bytes(payload)).build(1L);
    assertThat(letter.getPayload().array()).containsExactly(9, 9, 9);
    assertThat(letter.getPayloadText()).isNull();
    assertThat(letter.getPayloadTruncated()).isFalse();
    assertThat(letter.getDetail()).isEmpty();
    assertThat(letter.getKey()).isEqualTo("k");
  }

  @Test
  void text_isCutAtACharacterBoundary() {
    String text = "é".repeat(DeadLetters.MAX_PAYLOAD_BYTES);   // two bytes each
    DeadLetterPayload kept = DeadLetterPayload.text(text, false);
    assertThat(kept.text()).hasSize(DeadLetters.MAX_PAYLOAD_BYTES / 2).matches("é+");
    assertThat(kept.text().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(DeadLetters.MAX_PAYLOAD_BYTES);
    assertThat(kept.truncated()).isTrue();
  }

  @Test
  void scrubber_replacesThePayload_addsItsNote_andCannotGrowItPastTheCap() {
    DeadLetterScrubber growing = capped -> new DeadLetterScrubber.Scrubbed(
        DeadLetterPayload.text("x".repeat(3 * DeadLetters.MAX_PAYLOAD_BYTES), capped.truncated()), "ids replaced");
    DeadLetter letter = DeadLetters.letter("gateway.http", DeadLetterReason.INVALID_FIELD, "bad")
        .payload(DeadLetterPayload.bytes("{}".getBytes(StandardCharsets.UTF_8))).scrubbedBy(growing).build(1L);
    assertThat(letter.getPayloadText()).hasSize(DeadLetters.MAX_PAYLOAD_BYTES);
    assertThat(letter.getPayload()).isNull();
    assertThat(letter.getDetail()).isEqualTo("bad; ids replaced");
  }

  @Test
  void withheldPayload_keepsNeitherBytesNorText() {
    DeadLetterScrubber withholding = capped -> new DeadLetterScrubber.Scrubbed(DeadLetterPayload.withheld(true), "withheld");
    DeadLetter letter = DeadLetters.letter("gateway.websocket", DeadLetterReason.MALFORMED_JSON, "bad")
        .payload(DeadLetterPayload.bytes(new byte[] {1, 2})).scrubbedBy(withholding).build(1L);
    assertThat(letter.getPayload()).isNull();
    assertThat(letter.getPayloadText()).isNull();
    assertThat(letter.getPayloadTruncated()).isTrue();
  }

  @Test
  void longDetail_isCut() {
    DeadLetter letter = DeadLetters.letter("page-assembler", DeadLetterReason.UNDECODABLE, "y".repeat(100_000)).build(1L);
    assertThat(letter.getDetail()).hasSize(DeadLetters.MAX_DETAIL_CHARS).endsWith("…");
  }

  @Test
  void everyReason_isDistinct_andDocumentedInTheDataDictionary() throws Exception {
    String dictionary = Files.readString(Path.of("..", "docs", "data-dictionary.md"));
    Set<String> codes = new HashSet<>();
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      assertThat(reason.code()).matches("[a-z]+(-[a-z]+)*");
      assertThat(codes.add(reason.code())).as(reason.code()).isTrue();
      assertThat(dictionary).as("docs/data-dictionary.md names " + reason.code()).contains("`" + reason.code() + "`");
    }
    assertThat(DeadLetterReason.REFUSED_BY_DYNAMODB.code()).isEqualTo("refused-by-dynamodb");
    assertThat(DeadLetterReason.UNPRODUCIBLE_OUTPUT.code()).isEqualTo("unproducible-output");
    assertThat(DeadLetterReason.MALFORMED_JSON.code()).isEqualTo("malformed-json");
  }
}
