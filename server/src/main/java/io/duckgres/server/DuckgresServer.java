package io.duckgres.server;

/**
 * The standalone server: listener, TLS, authentication and sessions over DuckDB. Lifecycle:
 * {@link #start()} binds and returns; {@link #shutdown()} stops accepting, lets running statements
 * finish within the configured timeout, closes every DuckDB database and returns.
 */
public final class DuckgresServer implements AutoCloseable {
  private final ServerConfig config;

  public DuckgresServer(ServerConfig config) {
    this.config = config;
  }

  /** Binds the listener. Throws when the port cannot be bound or TLS material cannot be read. */
  public void start() throws Exception {
    throw new UnsupportedOperationException("work in progress");
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return config.port();
  }

  /** Blocks until the server has shut down. */
  public void awaitTermination() throws InterruptedException {}

  /** Graceful shutdown; idempotent. */
  public void shutdown() {}

  @Override
  public void close() {
    shutdown();
  }
}
