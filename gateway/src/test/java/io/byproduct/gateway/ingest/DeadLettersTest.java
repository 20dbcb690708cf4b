package io.byproduct.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.schemas.deadletter.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Dead letters: payload stored once and cut at 64 KiB, raw worker ids replaced by pseudonyms or withheld, key and reason kept. */
class DeadLettersTest {

  private final TestIngest ingest = TestIngest.withDefaults();
  private final DeadLetters deadLetters = ingest.services.deadLetters();
  private final String pseudonym = TestIngest.PSEUDONYMS.pseudonymise("A1RAWWORKER");

  @Test
  void smallPayload_isKeptWhole_withReasonDetailAndKey() {
    Rejection rejection = new Rejection(RejectReason.UNKNOWN_KIND, 3L, "e[0][0]: unknown kind 42 (known: 0..10)").withKey("ann-7");
    byte[] payload = "{\"q\":3,\"e\":[[42,0]]}".getBytes(StandardCharsets.UTF_8);

    deadLetters.write(DeadLetters.WEBSOCKET, rejection, payload, payload.length);

    assertThat(ingest.deadLetters.history()).hasSize(1);
    var record = ingest.deadLetters.history().get(0);
    assertThat(record.topic()).isEqualTo("dead-letters");
    assertThat(record.key()).isEqualTo("ann-7");
    DeadLetter letter = record.value();
    assertThat(letter.getSource()).isEqualTo("gateway.websocket");
    assertThat(letter.getReason()).isEqualTo("unknown-kind");
    assertThat(letter.getDetail()).isEqualTo("e[0][0]: unknown kind 42 (known: 0..10)");
    assertThat(letter.getPayloadText()).isEqualTo("{\"q\":3,\"e\":[[42,0]]}");
    assertThat(letter.getPayload()).as("text is stored once, as text").isNull();
    assertThat(letter.getPayloadTruncated()).isFalse();
    assertThat(letter.getKey()).isEqualTo("ann-7");
    assertThat(letter.getOccurredAt()).isEqualTo(TestIngest.NOW);
  }

  @Test
  void bigPayload_isCutAt64KiB() {
    byte[] payload = ("{\"q\":1,\"pad\":\"" + "x".repeat(300_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    DeadLetter letter = deadLetters.letter(DeadLetters.WEBSOCKET, new Rejection(RejectReason.OVERSIZED_FRAME, null, "big"),
        payload, payload.length);
    assertThat(letter.getPayloadText()).hasSize(65_536);
    assertThat(letter.getPayload()).isNull();
    assertThat(letter.getPayloadTruncated()).isTrue();
    assertThat(letter.getKey()).isNull();
  }

  @Test
  void alreadyCutPayload_isMarkedTruncated() {
    byte[] kept = "{\"q\":1".getBytes(StandardCharsets.UTF_8);
    DeadLetter letter = deadLetters.letter(DeadLetters.WEBSOCKET, new Rejection(RejectReason.OVERSIZED_FRAME, null, "big"),
        kept, 1_000_000);
    assertThat(letter.getPayloadTruncated()).isTrue();
    assertThat(letter.getPayloadText()).isEqualTo("{\"q\":1");
  }

  @Test
  void rejected60KiBMessage_isStoredOnce() {
    byte[] payload = ("{\"q\":1,\"pad\":\"" + "x".repeat(60_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    DeadLetter letter = deadLetters.letter(DeadLetters.WEBSOCKET, new Rejection(RejectReason.INVALID_FIELD, 1L, "bad"),
        payload, payload.length);
    byte[] serialised = io.byproduct.schemas.topics.Topics.defaults().deadLetters.valueSerde().serializer()
        .serialize("dead-letters", letter);
    assertThat(serialised.length).as("one copy of the payload, not two").isBetween(60_000, 61_000);
  }

  @Test
  void binaryPayload_isStoredOnce_asBytes() {
    byte[] payload = {(byte) 0xff, (byte) 0xfe, 1, 2, 3};
    DeadLetter letter = deadLetters.letter(DeadLetters.WEBSOCKET, new Rejection(RejectReason.MALFORMED_JSON, null, "bad"),
        payload, payload.length);
    assertThat(bytes(letter)).isEqualTo(payload);
    assertThat(letter.getPayloadText()).isNull();
  }

  @Test
  void rawWorkerId_neverReachesADeadLetter() {
    String badHello = TestIngest.hello("s", "a").replace("\"v\":1", "\"v\":2");
    DeadLetter letter = letter(badHello);
    assertThat(letter.getPayloadText()).doesNotContain("A1RAWWORKER").contains("\"w\":\"" + pseudonym + "\"");
  }

  /** Spellings the old text-matching scrubber missed: each reaches a dead letter without the raw id. */
  @Test
  void rawWorkerId_inAnySpelling_neverReachesADeadLetter() {
    for (String attack : java.util.List.of(
        "{\"hello\":{\"v\":2,\"\\u0077\":\"A1RAWWORKER\",\"s\":\"s\",\"a\":\"a\"}}",   // escaped key, valid JSON
        "{\"hello\":{\"v\":1,\"w\":\"A1\\u0052AWWORKER\"}}",                              // escaped value
        "{\"hello\":{\"v\":1,\"w\":A1RAWWORKER}}",                                        // unquoted value
        "{\"hello\":{\"\\u0077\":\"A1RAWWORKER\", \"s\":",                                   // escaped key, cut off
        "{hello:{w:'A1RAWWORKER'}}",                                                     // not JSON at all
        "{\"hello\":{\"v\":1,\"w\":\"A1RAWWOR",                                               // cut inside the id
        "{\"hello\":{\"w\" : \"A1RAWWORKER\", \"s\":",                                        // malformed
        "{\"hello\":{\"workerId\":\"A1RAWWORKER\",\"v\":1}}")) {                               // another key
      DeadLetter letter = letter(attack);
      String stored = letter.getPayloadText() + "|" + letter.getDetail() + "|"
          + (letter.getPayload() == null ? "" : new String(bytes(letter), StandardCharsets.UTF_8));
      assertThat(stored).as(attack).doesNotContain("A1RAWWOR").doesNotContain("A1\\u0052AW");
    }
  }

  @Test
  void unparsableHello_isWithheld_withItsLengthAndHash_andTheReasonSaysSo() {
    String attack = "{\"hello\":{\"v\":1,\"w\":A1RAWWORKER}}";
    DeadLetter letter = letter(attack);
    assertThat(letter.getPayloadText()).isNull();
    assertThat(letter.getPayload()).isNull();
    assertThat(letter.getDetail()).contains("payload withheld").contains(attack.length() + " bytes").contains("sha256 ");
  }

  @Test
  void unparsableFrame_withoutAnyWorkerField_isKeptForDiagnosis() {
    DeadLetter letter = letter("{\"q\":3,\"e\":[[42,0]");
    assertThat(letter.getPayloadText()).isEqualTo("{\"q\":3,\"e\":[[42,0]");
  }

  private DeadLetter letter(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return deadLetters.letter(DeadLetters.WEBSOCKET, Rejection.invalid("bad"), bytes, bytes.length);
  }

  private static byte[] bytes(DeadLetter letter) {
    byte[] bytes = new byte[letter.getPayload().remaining()];
    letter.getPayload().duplicate().get(bytes);
    return bytes;
  }
}
