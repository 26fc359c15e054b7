package io.duckgres.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Worker mode (control plane, issue 7): backend PIDs stay inside the worker's range. */
class SessionRegistryRangeTest {
  @Test
  void pidsWrapAroundInsideTheRange() {
    SessionRegistry registry = new SessionRegistry(1000, 3);
    assertThat(registry.nextProcessId()).isEqualTo(1000);
    assertThat(registry.nextProcessId()).isEqualTo(1001);
    assertThat(registry.nextProcessId()).isEqualTo(1002);
    assertThat(registry.nextProcessId()).isEqualTo(1000);
  }

  @Test
  void aRangeMustFitInAPositiveInt() {
    assertThatThrownBy(() -> new SessionRegistry(Integer.MAX_VALUE - 1, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void standaloneCountsUpWithoutALimit() {
    SessionRegistry registry = new SessionRegistry(7);
    assertThat(registry.nextProcessId()).isEqualTo(7);
    assertThat(registry.nextProcessId()).isEqualTo(8);
  }
}
