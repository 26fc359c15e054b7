package io.duckgres.server.net;

import io.duckgres.engine.DatabaseManager;
import io.duckgres.engine.EngineSettings;
import io.duckgres.server.ServerConfig;
import io.duckgres.server.auth.AuthRateLimiter;
import io.duckgres.server.auth.UserDirectory;
import io.duckgres.server.tls.TlsMaterial;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The real pieces {@code DuckgresServer.start()} wires together, minus the listener: DuckDB files
 * in a temporary directory, the user postgres/postgres, a generated certificate, the session
 * pool. Plaintext and cleartext-password authentication, so conversations can be written down
 * byte for byte (SCRAM's nonces and TLS records differ on every run).
 */
final class TestServer implements AutoCloseable {
  static final int MAX_MESSAGE_SIZE = 1024 * 1024;
  /** The first BackendKeyData process ID each fresh context hands out. */
  static final int FIRST_PROCESS_ID = 1000;

  private final ServerConfig config;
  private final DatabaseManager databases;
  private final UserDirectory users;
  private final SslContext sslContext;
  private final ExecutorService sessionPool = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "test-session");
    thread.setDaemon(true);
    return thread;
  });

  TestServer(Path dataDir) throws Exception {
    config = new ServerConfig("127.0.0.1", 0, dataDir, null, null, true,
        ServerConfig.AuthMethod.PASSWORD, Map.of("postgres", "postgres"), Duration.ZERO, null, 2,
        ServerConfig.RateLimit.defaults(), MAX_MESSAGE_SIZE, Duration.ofSeconds(5), List.of(),
        null, null);
    databases = new DatabaseManager(new EngineSettings(dataDir, null, 2));
    users = new UserDirectory(config.users());
    sslContext = TlsMaterial.serverContext(config);
  }

  ServerConfig config() {
    return config;
  }

  /** A context as a freshly started server has it: no sessions, no failed logins. */
  ServerContext newContext() {
    return newContext(UnaryOperator.identity());
  }

  /** The same, with a changed configuration (for example without plaintext or with SCRAM). */
  ServerContext newContext(UnaryOperator<ServerConfig> change) {
    ServerConfig changed = change.apply(config);
    return new ServerContext(changed, databases, users, new AuthRateLimiter(changed.rateLimit()),
        sslContext, new SessionRegistry(FIRST_PROCESS_ID), sessionPool);
  }

  @Override
  public void close() throws InterruptedException {
    sessionPool.shutdown();
    sessionPool.awaitTermination(10, TimeUnit.SECONDS);
    databases.close();
  }
}
