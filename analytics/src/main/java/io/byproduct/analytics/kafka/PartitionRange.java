package io.byproduct.analytics.kafka;

/** The offsets {@code [start, end)} of one partition. */
public record PartitionRange(int partition, long start, long end) {

  public long size() {
    return Math.max(0, end - start);
  }

  public boolean isEmpty() {
    return end <= start;
  }

  @Override
  public String toString() {
    return partition + ":[" + start + "," + end + ")";
  }
}
