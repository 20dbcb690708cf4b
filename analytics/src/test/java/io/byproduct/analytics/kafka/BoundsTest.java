package io.byproduct.analytics.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BoundsTest {

  @Test
  void offsetBound_oneForAllPartitions_orOnePerPartition() {
    assertThat(OffsetBound.parse("1200").forPartition(7)).isEqualTo(1200L);
    OffsetBound perPartition = OffsetBound.parse("0:10, 2:30");
    assertThat(perPartition.forPartition(0)).isEqualTo(10L);
    assertThat(perPartition.forPartition(1)).isNull();
    assertThat(perPartition.forPartition(2)).isEqualTo(30L);
    assertThatThrownBy(() -> OffsetBound.parse("0:1:2")).hasMessageContaining("is not OFFSET or PARTITION:OFFSET");
    assertThatThrownBy(() -> OffsetBound.parse("-5")).hasMessageContaining("0 or more");
  }

  @Test
  void instants_isoDatesAndEpochMillis() {
    assertThat(Instants.parse("2026-03-01T12:00:00Z")).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
    assertThat(Instants.parse("2026-03-01")).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    assertThat(Instants.parse("1767225600000")).isEqualTo(Instant.ofEpochMilli(1767225600000L));
    assertThatThrownBy(() -> Instants.parse("March")).hasMessageContaining("is not a time");
  }

  @Test
  void rangeSpec_timesAreHalfOpen() {
    RangeSpec range = RangeSpec.times(Instant.ofEpochMilli(100), Instant.ofEpochMilli(200));
    assertThat(range.containsTime(99)).isFalse();
    assertThat(range.containsTime(100)).isTrue();
    assertThat(range.containsTime(199)).isTrue();
    assertThat(range.containsTime(200)).isFalse();
    assertThat(RangeSpec.all().containsTime(Long.MIN_VALUE)).isTrue();
  }
}
