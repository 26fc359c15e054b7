package io.duckgres.bench;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.postgresql.PGConnection;

/**
 * A soak run against a duckgres server that bench/soak started: for a bounded time, workers run
 * a mixed workload (point reads, inserts, updates in transactions, prepared statements, COPY,
 * aggregations) while other clients stall on huge results and others vanish mid-statement. At the
 * end it prints, and writes as Markdown, the server's resident memory over the run, the errors by
 * SQLSTATE and the latency percentiles of the workload.
 *
 * <p>Arguments: {@code port pid seconds workers report-file}.
 */
public final class Soak {
  private final int port;
  private final long pid;
  private final long deadline;
  private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final LongAdder operations = new LongAdder();
  private final LongAdder stalled = new LongAdder();
  private final LongAdder vanished = new LongAdder();
  private final AtomicLong rssMax = new AtomicLong();

  private Soak(int port, long pid, long seconds) {
    this.port = port;
    this.pid = pid;
    this.deadline = System.nanoTime() + seconds * 1_000_000_000L;
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    long pid = Long.parseLong(args[1]);
    long seconds = Long.parseLong(args[2]);
    int workers = Integer.parseInt(args[3]);
    Path report = Path.of(args[4]);
    new Soak(port, pid, seconds).run(workers, report);
  }

  private void run(int workers, Path report) throws Exception {
    try (Connection setup = connect(); Statement statement = setup.createStatement()) {
      statement.execute("create table if not exists soak(id bigint, worker integer, note varchar)");
      statement.execute("insert into soak select range, -1, 'seed' from range(100000)");
    }
    long rssStart = residentMegabytes();
    rssMax.set(rssStart);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      int worker = i;
      threads.add(start("worker-" + i, () -> work(worker)));
    }
    threads.add(start("stalled", this::stallClients));
    threads.add(start("vanishing", this::vanishClients));
    List<Long> rssSamples = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      Thread.sleep(1000);
      long rss = residentMegabytes();
      rssSamples.add(rss);
      rssMax.accumulateAndGet(rss, Math::max);
    }
    for (Thread thread : threads) {
      thread.join(60_000);
    }
    long rssEnd = residentMegabytes();
    String text = report(rssStart, rssEnd, rssSamples);
    System.out.println(text);
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, text);
  }

  private String report(long rssStart, long rssEnd, List<Long> samples) {
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    StringBuilder out = new StringBuilder("# duckgres soak\n\n");
    out.append("| measure | value |\n|---|---|\n");
    out.append("| workload operations | ").append(operations.sum()).append(" |\n");
    out.append("| stalled clients (huge result, never read) | ").append(stalled.sum()).append(" |\n");
    out.append("| vanished clients (reset mid-statement) | ").append(vanished.sum()).append(" |\n");
    out.append("| latency p50 / p99 / max (ms) | ").append(percentile(sorted, 0.50)).append(" / ")
        .append(percentile(sorted, 0.99)).append(" / ").append(percentile(sorted, 1.0))
        .append(" |\n");
    out.append("| server RSS start / max / end (MB) | ").append(rssStart).append(" / ")
        .append(rssMax.get()).append(" / ").append(rssEnd).append(" |\n");
    out.append("\nErrors by SQLSTATE (workload clients only):\n\n");
    if (errors.isEmpty()) {
      out.append("- none\n");
    }
    new TreeMap<>(errors).forEach((state, count) ->
        out.append("- ").append(state).append(": ").append(count.sum()).append('\n'));
    out.append("\nRSS per second (MB): ").append(samples).append('\n');
    return out.toString();
  }

  private static String percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return "-";
    }
    int index = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
    return String.format("%.2f", sorted.get(Math.max(index, 0)) / 1e6);
  }

  /** The mixed workload of one client, reconnecting after a connection-level failure. */
  private void work(int worker) {
    Random random = new Random(worker);
    while (System.nanoTime() < deadline) {
      try (Connection connection = connect()) {
        PreparedStatement point = connection.prepareStatement("select note from soak where id = ?");
        while (System.nanoTime() < deadline) {
          int kind = random.nextInt(10);
          long start = System.nanoTime();
          try (Statement statement = connection.createStatement()) {
            if (kind < 4) {
              point.setLong(1, random.nextInt(100000));
              try (ResultSet rows = point.executeQuery()) {
                rows.next();
              }
            } else if (kind < 6) {
              statement.executeUpdate("insert into soak values (" + random.nextInt(1_000_000)
                  + ", " + worker + ", 'w')");
            } else if (kind < 8) {
              connection.setAutoCommit(false);
              statement.executeUpdate("update soak set note = 'u' where id = "
                  + random.nextInt(100000));
              connection.commit();
              connection.setAutoCommit(true);
            } else if (kind == 8) {
              StringBuilder data = new StringBuilder();
              for (int i = 0; i < 200; i++) {
                data.append(random.nextInt(1_000_000)).append('\t').append(worker).append("\tc\n");
              }
              connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                  "copy soak from stdin",
                  new ByteArrayInputStream(data.toString().getBytes(StandardCharsets.UTF_8)));
            } else {
              try (ResultSet rows = statement.executeQuery(
                  "select worker, count(*), max(id) from soak group by worker")) {
                while (rows.next()) {
                  rows.getLong(2);
                }
              }
            }
            latencies.add(System.nanoTime() - start);
            operations.increment();
          } catch (SQLException e) {
            errors.computeIfAbsent(String.valueOf(e.getSQLState()), s -> new LongAdder())
                .increment();
            if (!connection.getAutoCommit()) {
              connection.rollback();
              connection.setAutoCommit(true);
            }
          }
        }
      } catch (SQLException | IOException e) {
        String state = e instanceof SQLException sql ? sql.getSQLState() : "io";
        errors.computeIfAbsent("connection " + state, s -> new LongAdder()).increment();
        sleepQuietly(200);
      }
    }
  }

  /** Every few seconds a client asks for a huge result and stops reading for 15 s. */
  private void stallClients() {
    List<Socket> open = new ArrayList<>();
    List<Long> openedAt = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      try {
        Socket socket = rawLogin(4096);
        send(socket, 'Q', "select i, repeat('x', 100) from range(100000000) t(i)\0");
        open.add(socket);
        openedAt.add(System.nanoTime());
        stalled.increment();
      } catch (IOException e) {
        errors.computeIfAbsent("stalled client login", s -> new LongAdder()).increment();
      }
      while (!open.isEmpty() && System.nanoTime() - openedAt.get(0) > 15_000_000_000L) {
        closeQuietly(open.remove(0));
        openedAt.remove(0);
      }
      sleepQuietly(5000);
    }
    open.forEach(Soak::closeQuietly);
  }

  /** Several times a second a client starts a statement or a COPY and resets the connection. */
  private void vanishClients() {
    Random random = new Random(42);
    while (System.nanoTime() < deadline) {
      try {
        Socket socket = rawLogin(65536);
        if (random.nextBoolean()) {
          send(socket, 'Q', "select count(*) from range(50000000)\0");
        } else {
          send(socket, 'Q', "copy soak from stdin\0");
          send(socket, 'd', "1\t1\tpartial\n2\t");
        }
        sleepQuietly(random.nextInt(50));
        socket.setSoLinger(true, 0);
        socket.close();
        vanished.increment();
      } catch (IOException e) {
        errors.computeIfAbsent("vanishing client login", s -> new LongAdder()).increment();
      }
      sleepQuietly(250);
    }
  }

  /** Plaintext startup and cleartext password on a raw socket; returns after ReadyForQuery. */
  private Socket rawLogin(int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(receiveBuffer);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    socket.setSoTimeout(30_000);
    byte[] parameters = "user\0alice\0database\0alice\0\0".getBytes(StandardCharsets.UTF_8);
    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
    out.writeInt(8 + parameters.length);
    out.writeInt(196608);
    out.write(parameters);
    out.flush();
    DataInputStream in = new DataInputStream(socket.getInputStream());
    await(in, 'R');
    send(socket, 'p', "wonderland\0");
    await(in, 'Z');
    return socket;
  }

  private static void await(DataInputStream in, char wanted) throws IOException {
    while (true) {
      char type = (char) in.readUnsignedByte();
      byte[] body = new byte[in.readInt() - 4];
      in.readFully(body);
      if (type == wanted) {
        return;
      }
      if (type == 'E') {
        throw new IOException(new String(body, StandardCharsets.UTF_8));
      }
    }
  }

  private static void send(Socket socket, char type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
    out.writeByte(type);
    out.writeInt(4 + bytes.length);
    out.write(bytes);
    out.flush();
  }

  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", "alice");
    properties.setProperty("password", "wonderland");
    properties.setProperty("sslmode", "disable");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/alice",
        properties);
  }

  private long residentMegabytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }

  private static Thread start(String name, Runnable body) {
    Thread thread = new Thread(body, "soak-" + name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing is all that is left to do.
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
