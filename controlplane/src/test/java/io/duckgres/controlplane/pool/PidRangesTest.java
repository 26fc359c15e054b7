package io.duckgres.controlplane.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PidRangesTest {
  @Test
  void rangesAreDisjointAndReusedOnlyAfterRelease() {
    PidRanges ranges = new PidRanges();
    int first = ranges.allocate();
    int second = ranges.allocate();
    assertThat(first).isEqualTo(PidRanges.SIZE);
    assertThat(second).isEqualTo(2 * PidRanges.SIZE);
    assertThat(PidRanges.contains(first, first + PidRanges.SIZE - 1)).isTrue();
    assertThat(PidRanges.contains(first, second)).isFalse();
    assertThat(PidRanges.contains(second, first)).isFalse();
    ranges.release(first);
    assertThat(ranges.allocate()).isEqualTo(first);
    assertThat(ranges.allocate()).isEqualTo(3 * PidRanges.SIZE);
  }

  @Test
  void aHandedOverRangeIsNotHandedOutAgain() {
    PidRanges ranges = new PidRanges();
    ranges.claim(PidRanges.SIZE);
    assertThat(ranges.allocate()).isEqualTo(2 * PidRanges.SIZE);
  }

  @Test
  void everyPidOfEveryRangeIsAPositiveInt() {
    PidRanges ranges = new PidRanges();
    int last = 0;
    try {
      while (true) {
        last = ranges.allocate();
      }
    } catch (IllegalStateException full) {
      assertThat((long) last + PidRanges.SIZE - 1).isLessThanOrEqualTo(Integer.MAX_VALUE);
    }
  }
}
