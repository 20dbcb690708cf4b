package io.byproduct.gateway.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding. */
final class Utf8 {

  private Utf8() {}

  /**
   * The text, or {@code null} if the bytes are not valid UTF-8. A sequence cut off at the very end
   * (a payload truncated inside a character) is dropped, not counted as invalid.
   */
  static String decode(byte[] bytes) {
    for (int cut = 0; cut <= Math.min(3, bytes.length); cut++) {
      try {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, bytes.length - cut)).toString();
      } catch (CharacterCodingException e) {
        // try without a cut-off last character
      }
    }
    return null;
  }
}
