package io.duckgres.controlplane.pool;

import io.duckgres.pgwire.PgException;
import java.util.Optional;

/** Where one connection may go: any worker, or a worker of the connection's org. */
public interface Placement {

  /** A worker that can take the connection now; empty when none can without waiting. */
  Optional<WorkerPool.WorkerRef> now();

  /**
   * Waits (bounded) until a worker can take the connection, starting or binding one if that is
   * what it takes. Blocks: never call it on an event loop.
   *
   * @throws PgException the FATAL error for the client when none will
   */
  WorkerPool.WorkerRef await();
}
