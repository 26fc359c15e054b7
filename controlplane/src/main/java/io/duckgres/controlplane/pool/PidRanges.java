package io.duckgres.controlplane.pool;

import java.util.BitSet;

/**
 * Disjoint backend-PID ranges for live workers, so a CancelRequest names its worker by PID alone.
 * Range k covers {@code [k * SIZE, (k + 1) * SIZE)}; range 0 is never used (PIDs stay well away
 * from 0 and from the small numbers standalone mode hands out). A range is free again once its
 * worker is gone for good.
 */
final class PidRanges {
  /** About a million sessions per worker before its PIDs wrap around. */
  static final int SIZE = 1 << 20;
  private static final int COUNT = Integer.MAX_VALUE / SIZE;

  private final BitSet used = new BitSet(COUNT);

  synchronized int allocate() {
    int index = used.nextClearBit(1);
    if (index >= COUNT) {
      throw new IllegalStateException("no free process id range (" + (COUNT - 1) + " workers?)");
    }
    used.set(index);
    return index * SIZE;
  }

  /** Marks a range as taken (a worker received through handover). */
  synchronized void claim(int firstProcessId) {
    used.set(firstProcessId / SIZE);
  }

  synchronized void release(int firstProcessId) {
    used.clear(firstProcessId / SIZE);
  }

  static boolean contains(int firstProcessId, int processId) {
    return processId >= firstProcessId && processId - firstProcessId < SIZE;
  }
}
