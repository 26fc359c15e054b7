package io.duckgres.controlplane;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The flags a control plane gives the worker processes it starts.
 *
 * @param controlSocket Unix socket the worker serves gRPC worker control on
 * @param fdSocket Unix socket on which the worker receives client sockets (SCM_RIGHTS)
 */
public record WorkerOptions(Path controlSocket, Path fdSocket) {
  public WorkerOptions {
    Objects.requireNonNull(controlSocket, "controlSocket");
    Objects.requireNonNull(fdSocket, "fdSocket");
  }
}
