package io.duckgres.server.operations;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query log: one JSON object per line for every statement, appended to a file that is rotated
 * by size ({@code path} → {@code path.1} → … → {@code path.maxFiles}, the oldest deleted).
 *
 * <p>Sessions only {@link #offer} an entry to a bounded queue; one thread formats and writes. When
 * the queue is full the entry is dropped and counted, so a slow disk never slows a query. Password
 * literals of {@code CREATE/ALTER USER|ROLE … PASSWORD} and {@code CREATE SECRET} are replaced
 * whether or not redaction is on (see {@link SqlNormalizer#hasSecrets}).
 */
final class QueryLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueryLog.class);
  static final int DEFAULT_QUEUE_CAPACITY = 8192;
  private static final JsonFactory JSON = new JsonFactory();

  /** One statement, as measured by its session; formatted on the writer thread. */
  record Entry(long epochMillis, String user, String database, String org, int processId,
      String protocol,
      long nanos, long rows, String sqlState, String sql) {}

  private final QueryLogSettings settings;
  private final BlockingQueue<Entry> queue;
  private final Runnable dropped;
  private final Thread writer;
  private volatile boolean stopping;
  private OutputStream out;
  private long size;

  QueryLog(QueryLogSettings settings, int capacity, Runnable dropped) {
    this.settings = settings;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.dropped = dropped;
    this.writer = new Thread(this::writeLoop, "duckgres-query-log");
    writer.setDaemon(true);
  }

  /** Opens the file (creating its directory) and starts the writer thread. */
  void start() throws IOException {
    Path parent = settings.path().toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    open();
    writer.start();
  }

  /** Queues an entry without waiting; a full queue drops it and counts the drop. */
  void offer(Entry entry) {
    if (stopping || !queue.offer(entry)) {
      dropped.run();
    }
  }

  private void writeLoop() {
    while (!stopping || !queue.isEmpty()) {
      try {
        Entry entry = queue.poll(100, TimeUnit.MILLISECONDS);
        if (entry != null) {
          write(format(entry));
        }
      } catch (InterruptedException e) {
        stopping = true;
      } catch (IOException | RuntimeException e) {
        LOG.warn("query log {}: cannot write: {}", settings.path(), e.toString());
      }
    }
  }

  private String format(Entry entry) throws IOException {
    String sql = settings.redact() || SqlNormalizer.hasSecrets(entry.sql())
        ? SqlNormalizer.redact(entry.sql()) : entry.sql();
    StringWriter text = new StringWriter(sql.length() + 200);
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("time", Instant.ofEpochMilli(entry.epochMillis()).toString());
      json.writeStringField("user", entry.user());
      if (entry.org() != null) {
        json.writeStringField("org", entry.org());
      }
      json.writeNumberField("pid", entry.processId());
      json.writeStringField("protocol", entry.protocol());
      json.writeNumberField("duration_ms", entry.nanos() / 1_000_000.0);
      json.writeNumberField("rows", entry.rows());
      json.writeStringField("sqlstate", entry.sqlState() == null ? "00000" : entry.sqlState());
      json.writeStringField("query", sql);
      json.writeEndObject();
    }
    return text.append('\n').toString();
  }

  private void write(String line) throws IOException {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    if (size > 0 && size + bytes.length > settings.maxSize()) {
      rotate();
    }
    out.write(bytes);
    out.flush();
    size += bytes.length;
  }

  /** path.(n-1) → path.n for n = maxFiles..2, path → path.1; the oldest falls off the end. */
  private void rotate() throws IOException {
    out.close();
    Path path = settings.path();
    int keep = settings.maxFiles();
    if (keep == 0) {
      Files.delete(path);
    } else {
      Files.deleteIfExists(numbered(path, keep));
      for (int n = keep - 1; n >= 1; n--) {
        Path older = numbered(path, n);
        if (Files.exists(older)) {
          Files.move(older, numbered(path, n + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(path, numbered(path, 1), StandardCopyOption.REPLACE_EXISTING);
    }
    open();
  }

  private static Path numbered(Path path, int n) {
    return path.resolveSibling(path.getFileName() + "." + n);
  }

  private void open() throws IOException {
    out = Files.newOutputStream(settings.path(), StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    size = Files.size(settings.path());
  }

  /** Writes what is queued (within a few seconds) and closes the file. */
  @Override
  public void close() {
    stopping = true;
    try {
      if (writer.isAlive()) {
        writer.join(5000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      if (out != null) {
        out.close();
      }
    } catch (IOException e) {
      LOG.warn("query log {}: cannot close: {}", settings.path(), e.toString());
    }
  }
}
