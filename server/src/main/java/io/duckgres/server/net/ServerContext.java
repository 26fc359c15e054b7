package io.duckgres.server.net;

import io.duckgres.engine.DatabaseManager;
import io.duckgres.server.ServerConfig;
import io.duckgres.server.auth.AuthRateLimiter;
import io.duckgres.server.auth.UserDirectory;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.ExecutorService;

/**
 * What every connection of one server shares: configuration, the databases, the user directory,
 * the brute-force limiter, TLS, the registry of live sessions (for cancel and shutdown), the
 * pool that opens sessions' DuckDB connections during authentication (and runs the sessions of
 * channels on a shared event loop), and the connection limits.
 *
 * @param onlyDatabase the one database a session may ask for (a worker bound to one tenant), or
 *     null for any
 * @param slots the connection limits, shared by every context of one server (a context is
 *     replaced when a tenant's users change; the connections it counts stay)
 */
public record ServerContext(
    ServerConfig config,
    DatabaseManager databases,
    UserDirectory users,
    AuthRateLimiter rateLimiter,
    SslContext sslContext,
    SessionRegistry sessions,
    ExecutorService sessionPool,
    String onlyDatabase,
    ConnectionSlots slots) {

  /** Any database may be asked for; the connection limits of {@code config}. */
  public ServerContext(ServerConfig config, DatabaseManager databases, UserDirectory users,
      AuthRateLimiter rateLimiter, SslContext sslContext, SessionRegistry sessions,
      ExecutorService sessionPool) {
    this(config, databases, users, rateLimiter, sslContext, sessions, sessionPool, null);
  }

  /** The connection limits of {@code config}. */
  public ServerContext(ServerConfig config, DatabaseManager databases, UserDirectory users,
      AuthRateLimiter rateLimiter, SslContext sslContext, SessionRegistry sessions,
      ExecutorService sessionPool, String onlyDatabase) {
    this(config, databases, users, rateLimiter, sslContext, sessions, sessionPool, onlyDatabase,
        new ConnectionSlots(config.maxConnections(), config.maxConnectionsPerUser()));
  }
}
