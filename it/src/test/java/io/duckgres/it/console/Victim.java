package io.duckgres.it.console;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;

/**
 * A pgJDBC client that runs a few quick statements (for the statement chart) and then one that
 * runs for minutes unless its session is ended, on a thread of its own; {@link #failure()}
 * completes with the error the client got.
 */
public final class Victim implements AutoCloseable {
  /** Runs for minutes unless cancelled: DuckDB cannot fold it away. */
  public static final String LONG_QUERY = "select sum(x * x % 7) from range(100000000000) t(x)";

  private final Connection connection;
  private final CompletableFuture<SQLException> failure = new CompletableFuture<>();

  private Victim(Connection connection) {
    this.connection = connection;
  }

  /** Starts the client's statements on {@code connection}. */
  public static Victim start(Connection connection) {
    Victim victim = new Victim(connection);
    Thread thread = new Thread(victim::run, "console-test-victim");
    thread.setDaemon(true);
    thread.start();
    return victim;
  }

  private void run() {
    try (Statement statement = connection.createStatement()) {
      for (int i = 0; i < 40; i++) {
        statement.execute("select " + i);
      }
      statement.execute(LONG_QUERY);
      failure.completeExceptionally(new AssertionError("the long statement finished"));
    } catch (SQLException ended) {
      failure.complete(ended);
    } catch (RuntimeException unexpected) {
      failure.completeExceptionally(unexpected);
    }
  }

  /** The error the client's running statement ended with. */
  public CompletableFuture<SQLException> failure() {
    return failure;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
