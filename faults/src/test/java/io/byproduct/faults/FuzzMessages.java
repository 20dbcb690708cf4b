package io.byproduct.faults;

import io.byproduct.bench.wire.WireFrames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad ingest messages, seeded and reproducible: each is a valid frame of a fuzz session broken in
 * one way (cut short, trailing bytes, a duplicate key, a wrong field, an unknown kind, values out
 * of range, too many events, too big) or random bytes, with the error code the wire format
 * (docs/wire-format.md) says the gateway answers, or {@code null} when any refusal is right.
 */
final class FuzzMessages {

  /** One bad message: its bytes, whether to send it as a binary WebSocket message, the expected code. */
  record Bad(String kind, byte[] bytes, boolean binary, String expectedCode) {}

  static final int MAX_FRAME = 256 * 1024;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Random random;
  private final List<WireFrames.Frame> frames;
  private final String hello;

  /**
   * @param frames valid frames to break (each sent with its image table, so that the one fault
   *     made is the only one)
   * @param hello the valid hello of the fuzz session
   */
  FuzzMessages(long seed, List<WireFrames.Frame> frames, String hello) {
    this.random = new Random(seed);
    this.frames = frames;
    this.hello = hello;
  }

  /** A bad frame for a connection that has a valid hello (WebSocket) or for a batch's frames (HTTP). */
  Bad frame(boolean webSocket) {
    int pick = random.nextInt(webSocket ? 18 : 16);
    String base = validFrame();
    switch (pick) {
      case 0:
        // in a batch an empty frame would leave "frames":[] (valid): cut at least one byte in
        return text("truncated", base.substring(0, (webSocket ? 0 : 1) + random.nextInt(base.length() - 1)),
            "malformed-json");
      case 1:
        return text("trailing", base + List.of("}", "]", ",", "x", "{}", "[]", "\"").get(random.nextInt(7)),
            "malformed-json");
      case 2:
        return text("duplicate-key", "{\"q\":1," + base.substring(1), "malformed-json");
      case 3:
        return new Bad("random-bytes", randomBytes(1 + random.nextInt(600)), true, null);
      case 4:
        return text("random-json-ish", randomChars("{}[]\":,0123456789qpte-.", 1 + random.nextInt(300)), null);
      case 5:
        return mutated("unknown-field", f -> f.put("zz" + random.nextInt(100), 1), "invalid-field");
      case 6:
        return mutated("bad-seq", f -> {
          switch (random.nextInt(4)) {
            case 0 -> f.put("q", 0);
            case 1 -> f.put("q", -1 - random.nextInt(1000));
            case 2 -> f.put("q", String.valueOf(f.get("q").asLong()));
            default -> f.put("q", 1.5);
          }
        }, "invalid-field");
      case 7:
        return mutated("bad-page", f -> f.put("p", random.nextBoolean() ? 0 : 10_000 + random.nextInt(1000)),
            "invalid-field");
      case 8:
        return mutated("clock-skew", f -> f.put("t0", System.currentTimeMillis()
            + (random.nextBoolean() ? 1 : -1) * (3L + random.nextInt(300)) * 86_400_000L), "invalid-field");
      case 9:
        return mutated("unknown-kind", f -> event(f).set(0, JSON.getNodeFactory().numberNode(11 + random.nextInt(1000))),
            "unknown-kind");
      case 10:
        return mutated("out-of-range", f -> {
          ArrayNode e = event(f);
          if (e.get(0).asInt() == 2) {
            e.set(3, JSON.getNodeFactory().numberNode(10_001 + random.nextInt(100_000)));   // x above 10000
          } else {
            e.set(1, JSON.getNodeFactory().numberNode(600_001 + random.nextInt(100_000)));  // dt above 10 min
          }
        }, "invalid-field");
      case 11:
        return mutated("bad-arity", f -> event(f).add(7), "invalid-field");
      case 12:
        return mutated("missing-events", f -> f.remove("e"), "invalid-field");
      case 13:
        return mutated("event-not-array", f -> ((ArrayNode) f.get("e")).set(0, JSON.getNodeFactory().textNode("x")),
            "invalid-field");
      case 14:
        return mutated("image-index", f -> {
          ArrayNode e = event(f);
          int kind = e.get(0).asInt();
          if (kind >= 1 && kind <= 5) {
            e.set(2, JSON.getNodeFactory().numberNode(48 + random.nextInt(1000)));
          } else {
            e.set(1, JSON.getNodeFactory().numberNode(-1 - random.nextInt(1000)));      // negative dt
          }
        }, "invalid-field");
      case 15:
        return mutated("too-many-events", f -> {
          ArrayNode events = f.putArray("e");
          for (int i = 0; i < 2001 + random.nextInt(200); i++) {
            events.addArray().add(6).add(0).add(1);
          }
        }, "too-many-events");
      case 16:
        return text("duplicate-hello", hello, "duplicate-hello");
      default:
        return text("hello-and-more", hello.substring(0, hello.length() - 1) + ",\"q\":1}", "invalid-field");
    }
  }

  /** A valid frame padded to between the frame limit and four times it: refused whole. */
  Bad oversized() {
    return oversized(MAX_FRAME + 1 + random.nextInt(3 * MAX_FRAME - 1));
  }

  /** A valid frame padded to {@code size} bytes. */
  Bad oversized(int size) {
    String base = validFrame();
    String padded = base.substring(0, base.length() - 1) + ",\"pad\":\"" + "x".repeat(Math.max(0, size - base.length() - 9))
        + "\"}";
    return text("oversized", padded, "oversized-frame");
  }

  /**
   * A hello that is refused: a wrong version, a missing required field, an id with '|', not an
   * object; or someone else's annotation id under this session's capability ({@code forbidden}).
   */
  Bad badHello() {
    ObjectNode message = (ObjectNode) JSON.readTree(hello);
    ObjectNode h = (ObjectNode) message.get("hello");
    String expected = "invalid-field";
    switch (random.nextInt(5)) {
      case 0 -> h.put("v", 2 + random.nextInt(10));
      case 1 -> h.remove(List.of("s", "a", "ver").get(random.nextInt(3)));
      case 2 -> h.put("a", "bad|" + random.nextInt(1000));
      case 3 -> {
        h.put("a", "someone-else-" + random.nextInt(1000));
        expected = "forbidden";
      }
      default -> message.put("hello", random.nextInt(100));
    }
    return text("bad-hello", JSON.writeValueAsString(message), expected);
  }

  /** A valid frame, which after a refused hello gets {@code missing-hello}. */
  Bad frameWithoutHello() {
    return text("no-hello", validFrame(), "missing-hello");
  }

  Random random() {
    return random;
  }

  String validFrame() {
    return frames.get(random.nextInt(frames.size())).jsonWithImages();
  }

  private Bad mutated(String kind, java.util.function.Consumer<ObjectNode> mutation, String code) {
    ObjectNode frame = (ObjectNode) JSON.readTree(validFrame());
    mutation.accept(frame);
    return text(kind, JSON.writeValueAsString(frame), code);
  }

  private ArrayNode event(ObjectNode frame) {
    JsonNode events = frame.get("e");
    return (ArrayNode) events.get(random.nextInt(events.size()));
  }

  private Bad text(String kind, String text, String code) {
    return new Bad(kind, text.getBytes(StandardCharsets.UTF_8), random.nextInt(10) == 0, code);
  }

  private byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }

  private String randomChars(String alphabet, int n) {
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }
}
