package io.duckgres.it.controlplane;

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
 * Clients that connect, query and disconnect in a loop (each a fresh TLS connection, so every
 * iteration goes through the control plane's hand-off), recording every failure. Bounded in time
 * even if never stopped.
 */
final class QueryLoad implements AutoCloseable {
  private final ControlPlaneProcess controlPlane;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicInteger succeeded = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final List<Thread> threads = new ArrayList<>();

  QueryLoad(ControlPlaneProcess controlPlane, int clients, Duration limit) {
    this.controlPlane = controlPlane;
    long deadline = System.nanoTime() + limit.toNanos();
    for (int i = 0; i < clients; i++) {
      int client = i;
      Thread thread = new Thread(() -> run(client, deadline), "query-load-" + i);
      thread.setDaemon(true);
      threads.add(thread);
    }
  }

  QueryLoad start() {
    threads.forEach(Thread::start);
    return this;
  }

  private void run(int client, long deadline) {
    int iteration = 0;
    while (!stop.get() && System.nanoTime() < deadline) {
      iteration++;
      try (Connection connection = controlPlane.connect();
          Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("select " + client + " * 1000 + " + iteration)) {
        rs.next();
        if (rs.getLong(1) != client * 1000L + iteration) {
          failures.add("wrong answer " + rs.getLong(1));
        }
        succeeded.incrementAndGet();
      } catch (Exception e) {
        failures.add(e.toString());
      }
    }
  }

  int succeeded() {
    return succeeded.get();
  }

  List<String> failures() {
    return new ArrayList<>(failures);
  }

  /** Waits until at least {@code count} more queries succeeded (or the time is up). */
  void awaitProgress(int count, Duration timeout) throws InterruptedException {
    int target = succeeded.get() + count;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (succeeded.get() < target && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    for (Thread thread : threads) {
      thread.join(60_000);
    }
  }
}
