package io.duckgres.server.net;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PostgreSQL's connection limits: {@code max_connections} for the server, counted from the
 * StartupMessage (a connection authenticating holds a slot, as a PostgreSQL backend does), and a
 * per-user limit, checked once the user is authenticated (like a role's CONNECTION LIMIT, so an
 * unauthenticated client learns nothing about other users' sessions). Both refuse with FATAL
 * 53300 in PostgreSQL's words. Thread-safe: I/O threads acquire, closing channels release.
 */
public final class ConnectionSlots {
  private final int maxConnections;
  private final int maxPerUser;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<String, AtomicInteger> perUser = new ConcurrentHashMap<>();

  /**
   * @param maxConnections connections at once, at least 1
   * @param maxPerUser connections one user may hold at once; 0 = only the server's limit
   */
  public ConnectionSlots(int maxConnections, int maxPerUser) {
    this.maxConnections = maxConnections;
    this.maxPerUser = maxPerUser;
  }

  /** Takes a server slot or throws FATAL 53300; pair with {@link #release()}. */
  void acquire() {
    if (total.incrementAndGet() > maxConnections) {
      total.decrementAndGet();
      throw PgException.fatal(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already");
    }
  }

  void release() {
    total.decrementAndGet();
  }

  /** Takes one of {@code user}'s slots or throws FATAL 53300; pair with {@link #release(String)}. */
  void acquire(String user) {
    if (maxPerUser <= 0) {
      return;
    }
    AtomicInteger count = perUser.computeIfAbsent(user, name -> new AtomicInteger());
    if (count.incrementAndGet() > maxPerUser) {
      count.decrementAndGet();
      throw PgException.fatal(SqlState.TOO_MANY_CONNECTIONS,
          "too many connections for role \"" + user + "\"");
    }
  }

  void release(String user) {
    if (maxPerUser <= 0) {
      return;
    }
    AtomicInteger count = perUser.get(user);
    if (count != null) {
      count.decrementAndGet();
    }
  }

  /** Connections holding a server slot now. */
  public int inUse() {
    return total.get();
  }
}
