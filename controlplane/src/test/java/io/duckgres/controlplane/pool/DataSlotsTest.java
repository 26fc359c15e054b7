package io.duckgres.controlplane.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataSlotsTest {
  @Test
  void aReplacementGetsTheSlotOfTheWorkerThatDied() {
    DataSlots slots = new DataSlots();
    assertThat(slots.allocate()).isEqualTo(1);
    assertThat(slots.allocate()).isEqualTo(2);
    slots.release(1);
    assertThat(slots.allocate()).as("the freed slot, not a new one").isEqualTo(1);
  }

  @Test
  void aSlotStillHeldIsNeverHandedOutTwice() {
    DataSlots slots = new DataSlots();
    slots.claim(1); // a handed-over worker
    slots.claim(3);
    assertThat(slots.allocate()).isEqualTo(2);
    assertThat(slots.allocate()).isEqualTo(4);
  }

  @Test
  void slotZeroMeansUnknownAndIsNeverUsed() {
    DataSlots slots = new DataSlots();
    slots.claim(0);
    slots.release(0);
    assertThat(slots.allocate()).isEqualTo(1);
  }
}
