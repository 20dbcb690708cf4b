package io.byproduct.streamprocessor.folding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SeqRangesTest {

  @Test
  void inOrderSequence_staysOneRange() {
    List<Long> ranges = SeqRanges.empty();
    for (long s = 1; s <= 1000; s++) {
      assertThat(SeqRanges.add(ranges, s)).isTrue();
    }
    assertThat(ranges).containsExactly(1L, 1000L);
  }

  @Test
  void duplicate_isReportedAsSeen() {
    List<Long> ranges = SeqRanges.empty();
    SeqRanges.add(ranges, 5);

    assertThat(SeqRanges.add(ranges, 5)).isFalse();
  }

  @Test
  void gapsAreKept_andMergedWhenFilled() {
    List<Long> ranges = SeqRanges.empty();
    SeqRanges.add(ranges, 1);
    SeqRanges.add(ranges, 3);
    SeqRanges.add(ranges, 5);
    assertThat(ranges).containsExactly(1L, 1L, 3L, 3L, 5L, 5L);

    SeqRanges.add(ranges, 2);
    SeqRanges.add(ranges, 4);

    assertThat(ranges).containsExactly(1L, 5L);
  }

  @Test
  void randomOrderWithRepeats_agreesWithASet() {
    Random random = new Random(7);
    List<Long> sequence = new ArrayList<>();
    for (long s = 1; s <= 500; s++) {
      sequence.add(s);
      if (random.nextInt(4) == 0) {
        sequence.add(s);
      }
    }
    Collections.shuffle(sequence, random);
    List<Long> ranges = SeqRanges.empty();
    Set<Long> reference = new TreeSet<>();

    for (long s : sequence) {
      assertThat(SeqRanges.add(ranges, s)).isEqualTo(reference.add(s));
    }
    assertThat(ranges).containsExactly(1L, 500L);
  }
}
