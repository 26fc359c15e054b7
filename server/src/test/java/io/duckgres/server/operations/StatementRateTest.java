package io.duckgres.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StatementRateTest {
  private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
  private final StatementRate rate = new StatementRate(now::get);

  @Test
  void countsStatementsPerWindowAndReadsTheirP95() {
    for (int i = 0; i < 95; i++) {
      rate.record(1_000_000); // 1 ms
    }
    for (int i = 0; i < 5; i++) {
      rate.record(800_000_000); // 800 ms
    }
    List<StatementRate.Sample> samples = rate.lastHour();
    assertThat(samples).hasSize(StatementRate.WINDOWS);
    StatementRate.Sample current = samples.get(samples.size() - 1);
    assertThat(current.statements()).isEqualTo(100);
    assertThat(current.perSecond()).isEqualTo(10.0);
    // The 95th of 100 is the last 1 ms statement: its bucket's upper bound, within 19%.
    assertThat(current.p95Millis()).isBetween(1.0, 1.19);
    rate.record(800_000_000);
    assertThat(rate.lastHour().get(StatementRate.WINDOWS - 1).p95Millis()).isBetween(800.0, 952.0);
  }

  @Test
  void oldWindowsMoveLeftAndWindowsAnHourOldAreForgotten() {
    rate.record(2_000_000);
    now.addAndGet(StatementRate.WINDOW_MILLIS * 3);
    List<StatementRate.Sample> samples = rate.lastHour();
    assertThat(samples.get(StatementRate.WINDOWS - 4).statements()).isEqualTo(1);
    assertThat(samples.get(StatementRate.WINDOWS - 1).statements()).isZero();
    assertThat(samples.get(StatementRate.WINDOWS - 1).startMillis()
        - samples.get(StatementRate.WINDOWS - 4).startMillis())
        .isEqualTo(3 * StatementRate.WINDOW_MILLIS);

    now.addAndGet(StatementRate.WINDOW_MILLIS * StatementRate.WINDOWS);
    rate.record(2_000_000);
    assertThat(rate.lastHour().stream().mapToLong(StatementRate.Sample::statements).sum())
        .isEqualTo(1);
  }

  @Test
  void emptyWindowsHaveNoPercentile() {
    assertThat(StatementRate.percentile(new long[StatementRate.BUCKETS], 0.95)).isZero();
    assertThat(StatementRate.bucket(0)).isZero();
    assertThat(StatementRate.bucket(Long.MAX_VALUE)).isEqualTo(StatementRate.BUCKETS - 1);
  }
}
