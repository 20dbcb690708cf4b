package io.byproduct.hittool.batch;

import java.util.Locale;
import java.util.Optional;

/**
 * The interface version of the batch's rows: one of the four for every row, or {@code random}: the
 * four versions balanced over the rows (their counts differ by at most one), in an order shuffled
 * from the seed.
 *
 * @param fixed the version of every row, or {@code null} for random
 */
public record VersionChoice(InterfaceVersion fixed) {

  public static final String RANDOM = "random";

  public static VersionChoice of(InterfaceVersion version) {
    return new VersionChoice(version);
  }

  public static VersionChoice random() {
    return new VersionChoice(null);
  }

  public boolean isRandom() {
    return fixed == null;
  }

  /** {@code random} or a version's name (case-insensitive). */
  public static Optional<VersionChoice> parse(String text) {
    String upper = text.trim().toUpperCase(Locale.ROOT);
    if (upper.equals("RANDOM")) {
      return Optional.of(random());
    }
    for (InterfaceVersion v : InterfaceVersion.values()) {
      if (v.name().equals(upper)) {
        return Optional.of(of(v));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return fixed == null ? RANDOM : fixed.name();
  }
}
