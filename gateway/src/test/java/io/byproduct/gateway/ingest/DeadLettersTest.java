package io.byproduct.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.byproduct.schemas.deadletter.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Dead letters: payload cut at 64 KiB, raw worker ids replaced by pseudonyms, key and reason kept. */
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
    assertThat(bytes(letter)).isEqualTo(payload);
    assertThat(letter.getPayloadText()).isEqualTo("{\"q\":3,\"e\":[[42,0]]}");
    assertThat(letter.getPayloadTruncated()).isFalse();
    assertThat(letter.getKey()).isEqualTo("ann-7");
    assertThat(letter.getOccurredAt()).isEqualTo(TestIngest.NOW);
  }

  @Test
  void bigPayload_isCutAt64KiB() {
    byte[] payload = ("{\"q\":1,\"pad\":\"" + "x".repeat(300_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    DeadLetter letter = deadLetters.letter(DeadLetters.WEBSOCKET, new Rejection(RejectReason.OVERSIZED_FRAME, null, "big"),
        payload, payload.length);
    assertThat(letter.getPayload().remaining()).isEqualTo(65_536);
    assertThat(letter.getPayloadTruncated()).isTrue();
    assertThat(letter.getKey()).isNull();
  }

  @Test
  void alreadyCutPayload_isMarkedTruncated() {
    byte[] kept = "{\"q\":1".getBytes(StandardCharsets.UTF_8);
    DeadLetter letter = deadLetters.letter(DeadLetters.WEBSOCKET, new Rejection(RejectReason.OVERSIZED_FRAME, null, "big"),
        kept, 1_000_000);
    assertThat(letter.getPayloadTruncated()).isTrue();
    assertThat(bytes(letter)).isEqualTo(kept);
  }

  @Test
  void rawWorkerId_neverReachesADeadLetter() {
    String badHello = TestIngest.hello("s", "a").replace("\"v\":1", "\"v\":2");
    DeadLetter letter = deadLetters.letter(DeadLetters.WEBSOCKET, Rejection.invalid("hello: v"),
        badHello.getBytes(StandardCharsets.UTF_8), badHello.length());
    assertThat(letter.getPayloadText()).doesNotContain("A1RAWWORKER").contains("\"w\":\"" + pseudonym + "\"");
    assertThat(new String(bytes(letter), StandardCharsets.UTF_8)).doesNotContain("A1RAWWORKER");

    String malformed = "{\"hello\":{\"w\" : \"A1RAWWORKER\", \"s\":";
    assertThat(new WorkerIdScrubber(TestIngest.PSEUDONYMS).scrub(malformed)).doesNotContain("A1RAWWORKER");
    String cutInTheId = "{\"hello\":{\"v\":1,\"w\":\"A1RAWWOR";
    assertThat(new WorkerIdScrubber(TestIngest.PSEUDONYMS).scrub(cutInTheId)).doesNotContain("A1RAWWOR");
    String escaped = "{\"hello\":{\"w\":\"A1\\\"RAW\",\"v\":1}}";
    assertThat(new WorkerIdScrubber(TestIngest.PSEUDONYMS).scrub(escaped)).doesNotContain("RAW").contains("\"v\":1");
  }

  private static byte[] bytes(DeadLetter letter) {
    byte[] bytes = new byte[letter.getPayload().remaining()];
    letter.getPayload().duplicate().get(bytes);
    return bytes;
  }
}
