package io.byproduct.hittool.hits;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Deterministic randomness: a {@link Random} per purpose, derived from the seed and names (a class
 * id, a page number), so that one class's shuffle does not depend on the others, and a Fisher-Yates
 * shuffle whose result depends only on {@link Random}'s specified sequence.
 */
final class Seeds {

  private Seeds() {}

  static Random random(long seed, Object... parts) {
    long h = 0xcbf29ce484222325L ^ seed;
    for (Object part : parts) {
      for (byte b : String.valueOf(part).getBytes(StandardCharsets.UTF_8)) {
        h = (h ^ (b & 0xff)) * 0x100000001b3L;
      }
      h = (h ^ 0x1f) * 0x100000001b3L;
    }
    // splitmix64 finaliser
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return new Random(h ^ (h >>> 31));
  }

  static <T> void shuffle(List<T> list, Random random) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T swapped = list.get(i);
      list.set(i, list.get(j));
      list.set(j, swapped);
    }
  }
}
