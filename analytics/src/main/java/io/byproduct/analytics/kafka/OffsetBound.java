package io.byproduct.analytics.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An offset bound: one offset for every partition ({@code 1200}) or one per partition
 * ({@code 0:1200,1:980}; partitions not named are not bounded).
 */
public record OffsetBound(Long all, Map<Integer, Long> byPartition) {

  public static OffsetBound parse(String text) {
    String trimmed = text.trim();
    if (!trimmed.contains(":")) {
      return new OffsetBound(number(trimmed, text), Map.of());
    }
    Map<Integer, Long> offsets = new LinkedHashMap<>();
    for (String part : trimmed.split(",")) {
      String[] pair = part.trim().split(":");
      if (pair.length != 2) {
        throw new IllegalArgumentException("'" + text + "' is not OFFSET or PARTITION:OFFSET[,PARTITION:OFFSET...]");
      }
      long partition = number(pair[0], text);
      if (partition > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("partition " + partition + " is too large");
      }
      offsets.put((int) partition, number(pair[1], text));
    }
    return new OffsetBound(null, Map.copyOf(offsets));
  }

  private static long number(String value, String text) {
    try {
      long n = Long.parseLong(value.trim());
      if (n < 0) {
        throw new IllegalArgumentException("offsets and partitions are 0 or more, '" + text + "' has " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not OFFSET or PARTITION:OFFSET[,PARTITION:OFFSET...]");
    }
  }

  /** The bound for a partition, or null if this bound does not limit it. */
  public Long forPartition(int partition) {
    return all != null ? all : byPartition.get(partition);
  }

  /** picocli: {@code --from-offset 1200} or {@code --from-offset 0:1200,1:980}. */
  public static final class Converter implements ITypeConverter<OffsetBound> {
    @Override
    public OffsetBound convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
