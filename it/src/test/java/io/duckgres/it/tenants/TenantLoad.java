package io.duckgres.it.tenants;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One org's client in a loop: connect (TLS, by database name), read the org's own table,
 * disconnect; every failure recorded. Bounded in time even if never stopped.
 */
final class TenantLoad implements AutoCloseable {
  private static final Duration LIMIT = Duration.ofMinutes(3);

  private final TenantsCluster cluster;
  private final String database;
  private final String user;
  private final String password;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicInteger succeeded = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final Thread thread;

  TenantLoad(TenantsCluster cluster, String database, String user, String password) {
    this.cluster = cluster;
    this.database = database;
    this.user = user;
    this.password = password;
    this.thread = new Thread(this::run, "tenant-load-" + database);
    thread.setDaemon(true);
  }

  TenantLoad start() {
    thread.start();
    return this;
  }

  private void run() {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    int iteration = 0;
    while (!stop.get() && System.nanoTime() < deadline) {
      iteration++;
      try (Connection connection = cluster.connect(database, user, password);
          Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT " + iteration + " + 0")) {
        rs.next();
        if (rs.getInt(1) != iteration) {
          failures.add("wrong answer " + rs.getInt(1));
        }
        succeeded.incrementAndGet();
      } catch (Exception e) {
        failures.add(e.toString());
      }
    }
  }

  List<String> failures() {
    return new ArrayList<>(failures);
  }

  void clearFailures() {
    failures.clear();
  }

  /** Waits until at least {@code count} more queries succeeded (or the time is up). */
  void awaitProgress(int count, Duration timeout) throws InterruptedException {
    int target = succeeded.get() + count;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (succeeded.get() < target && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    if (succeeded.get() < target) {
      throw new AssertionError(database + ": only " + (succeeded.get() - target + count)
          + " of " + count + " queries within " + timeout + "; failures " + failures);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    thread.join(60_000);
  }
}
