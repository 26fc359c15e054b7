package io.duckgres.controlplane.pool;

import java.util.BitSet;

/**
 * Data slots: without a DuckLake a worker's DuckDB files live in {@code
 * <data_dir>/workers/w<slot>}, and a DuckDB file can be open in one process only, so a slot
 * belongs to one live worker at a time. A new worker gets the lowest free slot: the slot of a
 * worker that died comes back first, so its replacement finds the same files (the dead process
 * released their lock). Slot 0 means "unknown" (a worker from a control plane before slots) and is
 * never handed out.
 */
final class DataSlots {
  private final BitSet used = new BitSet();

  synchronized int allocate() {
    int slot = used.nextClearBit(1);
    used.set(slot);
    return slot;
  }

  /** Marks a slot as taken (a worker received through handover). */
  synchronized void claim(int slot) {
    if (slot > 0) {
      used.set(slot);
    }
  }

  synchronized void release(int slot) {
    if (slot > 0) {
      used.clear(slot);
    }
  }
}
