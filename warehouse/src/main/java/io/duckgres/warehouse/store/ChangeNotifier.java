package io.duckgres.warehouse.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@link ConfigChange}s to listeners at once. A change made through this JVM's store is
 * handed to the listeners right after it commits; every change is also sent with
 * {@code pg_notify} inside the writing transaction (so it leaves only if the change commits), and
 * a dedicated LISTEN connection receives those of other control planes on the same store. Each
 * notification carries the sending store's instance id, so this JVM skips its own.
 *
 * <p>All listeners run on one thread, in order. When the LISTEN connection breaks, it is opened
 * again with a growing pause (at most 5 s) and listeners get {@link ConfigChange#resync()}, since
 * changes may have been missed meanwhile.
 */
final class ChangeNotifier implements AutoCloseable {
  static final String CHANNEL = "duckgres_config_changes";
  private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifier.class);
  private static final int POLL_MILLIS = 500;
  private static final long MAX_RECONNECT_PAUSE_MILLIS = 5_000;

  private final ConfigStoreLocation location;
  private final String instanceId = UUID.randomUUID().toString();
  private final List<ConfigChangeListener> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "config-store-changes");
    thread.setDaemon(true);
    return thread;
  });
  private final Thread listenThread;
  private volatile boolean closed;
  private volatile Connection listenConnection;

  ChangeNotifier(ConfigStoreLocation location) {
    this.location = location;
    this.listenThread = new Thread(this::listenLoop, "config-store-listen");
    this.listenThread.setDaemon(true);
  }

  /** Opens the LISTEN connection (so no change made after this returns is missed) and starts. */
  void start() throws SQLException {
    listenConnection = openListening();
    listenThread.start();
  }

  String instanceId() {
    return instanceId;
  }

  AutoCloseable addListener(ConfigChangeListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Sends {@code change} to other control planes; runs inside the writing transaction. */
  void notifyOthers(Connection transaction, ConfigChange change) throws SQLException {
    try (var statement = transaction.prepareStatement("SELECT pg_notify(?, ?)")) {
      statement.setString(1, CHANNEL);
      statement.setString(2, instanceId + "#" + change.encode());
      statement.execute();
    }
  }

  /** Hands committed changes of this JVM to the listeners. */
  void deliverLocal(List<ConfigChange> changes) {
    for (ConfigChange change : changes) {
      deliver(change);
    }
  }

  private void deliver(ConfigChange change) {
    if (closed) {
      return;
    }
    try {
      dispatcher.execute(() -> {
        for (ConfigChangeListener listener : listeners) {
          try {
            listener.onChange(change);
          } catch (RuntimeException e) {
            LOG.warn("config change listener failed on {}: {}", change, e.toString());
          }
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // Closing: nobody is left to tell.
    }
  }

  private Connection openListening() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", location.user());
    if (location.password() != null) {
      properties.setProperty("password", location.password());
    }
    properties.setProperty("ApplicationName", "duckgres config listener");
    properties.setProperty("tcpKeepAlive", "true");
    Connection connection = DriverManager.getConnection(location.jdbcUrl(), properties);
    try (Statement statement = connection.createStatement()) {
      statement.execute("LISTEN " + CHANNEL);
    }
    return connection;
  }

  private void listenLoop() {
    long pause = 100;
    while (!closed) {
      try {
        Connection connection = listenConnection;
        if (connection == null) {
          connection = openListening();
          listenConnection = connection;
          LOG.info("config store change notifications resumed");
          deliver(ConfigChange.resync());
          pause = 100;
        }
        PGNotification[] notifications =
            connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
        if (notifications == null) {
          continue;
        }
        for (PGNotification notification : notifications) {
          receive(notification.getParameter());
        }
      } catch (SQLException e) {
        if (closed) {
          return;
        }
        LOG.warn("config store change notifications interrupted ({}); reconnecting in {} ms",
            e.getMessage(), pause);
        closeQuietly(listenConnection);
        listenConnection = null;
        try {
          Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
          return;
        }
        pause = Math.min(pause * 2, MAX_RECONNECT_PAUSE_MILLIS);
      }
    }
  }

  private void receive(String payload) {
    int hash = payload.indexOf('#');
    if (hash < 0) {
      return;
    }
    if (payload.substring(0, hash).equals(instanceId)) {
      return;
    }
    try {
      deliver(ConfigChange.decode(payload.substring(hash + 1)));
    } catch (IllegalArgumentException malformed) {
      LOG.warn("ignored a malformed config change notification");
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Already broken or closing.
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(listenConnection);
    listenThread.interrupt();
    try {
      listenThread.join(TimeUnit.SECONDS.toMillis(2));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    dispatcher.shutdown();
  }
}
