package io.duckgres.controlplane;

import io.duckgres.controlplane.pool.WorkerPool;
import io.duckgres.warehouse.console.ConsoleSource;
import io.duckgres.warehouse.console.RateSample;
import io.duckgres.warehouse.console.SessionRow;
import io.duckgres.warehouse.console.WorkerRow;
import java.util.List;
import java.util.function.Supplier;

/**
 * The admin console's source for a control plane whose pool may not exist yet (the admin API
 * starts before the workers): empty until it does, then the pool's own.
 */
final class ControlPlaneConsole implements ConsoleSource {
  private final Supplier<WorkerPool> pool;

  ControlPlaneConsole(Supplier<WorkerPool> pool) {
    this.pool = pool;
  }

  private ConsoleSource current() {
    WorkerPool now = pool.get();
    return now == null ? null : now.console();
  }

  @Override
  public boolean hasWorkers() {
    return true;
  }

  @Override
  public List<WorkerRow> workers() {
    ConsoleSource source = current();
    return source == null ? List.of() : source.workers();
  }

  @Override
  public List<SessionRow> sessions() {
    ConsoleSource source = current();
    return source == null ? List.of() : source.sessions();
  }

  @Override
  public boolean signal(int processId, boolean terminate) {
    ConsoleSource source = current();
    return source != null && source.signal(processId, terminate);
  }

  @Override
  public List<RateSample> statementRate() {
    ConsoleSource source = current();
    return source == null ? List.of() : source.statementRate();
  }
}
