package io.duckgres.engine.copy;

import io.duckgres.engine.error.ErrorClassifier;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.duckgres.pgwire.copy.CopyDataParser;
import io.duckgres.pgwire.types.PgType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code COPY … FROM STDIN} in progress. The client's data is parsed as it arrives and
 * written to normalised CSV segments in DuckDB's temp directory. Each full segment is loaded by a
 * DuckDB {@code COPY} on a loader thread while the client is still sending, and the last one at
 * CopyDone, so DuckDB's parallel CSV reader works alongside the parser instead of after it.
 *
 * <p>The load stays atomic (a bad row anywhere loads nothing): all segments load inside one
 * transaction — the client's, or, in autocommit, one this COPY opens at its first segment and
 * commits after its last. Only the loader thread uses the connection while the copy is in
 * progress, and only one segment loads at a time; the session's own thread never touches the
 * connection until CopyDone, CopyFail or an error, and then it waits for the loader first.
 */
public final class CopyIn implements AutoCloseable {
  /**
   * About 2 M rows of (int8, float8, varchar). DuckDB splits a CSV file into chunks of about
   * 8 MB for its threads, so much smaller segments load single-threaded: 8 MB segments cost more
   * server CPU than one file at the end (bench/PROFILE.md, "COPY, second pass").
   */
  static final long SEGMENT_BYTES = 64L << 20;
  private static final Pattern DUCKDB_LINE = Pattern.compile("CSV Error on Line: (\\d+)");
  private static final Pattern CONVERSION = Pattern.compile(
      "Error when converting column \"([^\"]*)\"\\. (.*)");

  private final Connection connection;
  private final CopyCommand command;
  private final String[] columns;
  private final boolean ownTransaction;
  private final DuckDbCsvSink sink;
  private final CopyDataParser parser;
  /** Created at the first full segment; one thread, so segments load in order. */
  private ExecutorService loader;
  /** A failed background load, set on the loader thread; later segments are skipped. */
  private volatile LoadFailure loadFailure;
  /** Touched on the loader thread until it has stopped, then on the session's thread. */
  private boolean transactionOpen;

  /**
   * @param ownTransaction the session is in autocommit: this COPY wraps its segments in a
   *     transaction of its own; otherwise they load inside the client's open transaction
   */
  public CopyIn(Connection connection, Path tempDirectory, CopyCommand command, String[] columns,
      PgType<?>[] types, boolean ownTransaction) {
    this(connection, tempDirectory, command, columns, types, new boolean[columns.length],
        ownTransaction);
  }

  /**
   * @param bareNumeric per column: numeric without precision, whose values are checked to fit
   *     ({@link BareNumericSink})
   */
  public CopyIn(Connection connection, Path tempDirectory, CopyCommand command, String[] columns,
      PgType<?>[] types, boolean[] bareNumeric, boolean ownTransaction) {
    this.connection = connection;
    this.command = command;
    this.columns = columns;
    this.ownTransaction = ownTransaction;
    try {
      this.sink = new DuckDbCsvSink(tempDirectory, "copy-" + UUID.randomUUID(), types,
          SEGMENT_BYTES, this::loadInBackground);
    } catch (IOException e) {
      throw new PgException(PgException.Severity.ERROR, SqlState.IO_ERROR,
          "could not create COPY spool file: " + e.getMessage(), null, null, 0, e);
    }
    this.parser = CopyDataParser.create(command.options().dataFormat(),
        BareNumericSink.wrap(sink, bareNumeric), types, columns,
        command.context());
  }

  public int columnCount() {
    return columns.length;
  }

  public boolean binary() {
    return command.options().format() == CopyOptions.Format.BINARY;
  }

  /** One CopyData message's bytes. */
  public void write(byte[] data) {
    LoadFailure failure = loadFailure;
    if (failure != null) {
      throw failed(failure);
    }
    try {
      parser.feed(data);
    } catch (UncheckedIOException e) {
      throw spoolFailure(e.getCause());
    }
  }

  /** CopyDone: loads everything received; returns the number of rows loaded. */
  public long finish() {
    try {
      parser.finish();
      sink.close();
    } catch (IOException e) {
      throw spoolFailure(e);
    }
    stopLoader();
    LoadFailure failure = loadFailure;
    if (failure != null) {
      throw failed(failure);
    }
    try {
      load(sink.currentFile());
    } catch (SQLException e) {
      throw failed(new LoadFailure(e, sink.rowsBeforeCurrent()));
    }
    if (transactionOpen) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("COMMIT");
        transactionOpen = false;
      } catch (SQLException e) {
        throw ErrorClassifier.classify(e, "").withContext(command.context());
      }
    }
    return parser.rows();
  }

  /** On the session's thread, as the sink closes a full segment. */
  private void loadInBackground(Path file, long rowsBefore) {
    LoadFailure failure = loadFailure;
    if (failure != null) {
      throw failed(failure);
    }
    if (loader == null) {
      loader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "duckgres-copy-load");
        thread.setDaemon(true);
        return thread;
      });
    }
    loader.execute(() -> {
      if (loadFailure != null) {
        return;
      }
      try {
        load(file);
      } catch (SQLException e) {
        loadFailure = new LoadFailure(e, rowsBefore);
      } catch (RuntimeException e) {
        loadFailure = new LoadFailure(new SQLException(e.getMessage(), e), rowsBefore);
      }
    });
  }

  /** Loads one segment (opening this COPY's own transaction first when it needs one). */
  private void load(Path file) throws SQLException {
    // A COPY that fits in one segment loads in autocommit, as one statement, like before.
    if (ownTransaction && !transactionOpen && loader != null) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("BEGIN TRANSACTION");
      }
      transactionOpen = true;
    }
    StringBuilder sql = new StringBuilder("COPY ").append(command.relation());
    if (!command.columns().isEmpty()) {
      sql.append(" (").append(String.join(", ", command.columns())).append(')');
    }
    sql.append(" FROM '").append(file.toString().replace("'", "''"))
        .append("' (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NULL '',"
            + " ALLOW_QUOTED_NULLS false, AUTO_DETECT false, NEW_LINE '\\n')");
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql.toString());
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // close() tries again.
    }
  }

  /** Waits for the segments handed to the loader thread; after this the connection is ours. */
  private void stopLoader() {
    if (loader == null) {
      return;
    }
    loader.shutdown();
    boolean interrupted = false;
    while (true) {
      try {
        if (loader.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** A segment's load error, with the rows of this COPY before that segment. */
  private static final class LoadFailure {
    final SQLException error;
    final long rowsBefore;

    LoadFailure(SQLException error, long rowsBefore) {
      this.error = error;
      this.rowsBefore = rowsBefore;
    }
  }

  private PgException failed(LoadFailure failure) {
    return loadFailure(failure.error, failure.rowsBefore);
  }

  /** Turns DuckDB's CSV error into PostgreSQL's shape, naming the client's line. */
  private PgException loadFailure(SQLException e, long rowsBefore) {
    PgException classified = ErrorClassifier.classify(e, "");
    String text = e.getMessage() == null ? "" : e.getMessage();
    Matcher line = DUCKDB_LINE.matcher(text);
    if (!line.find()) {
      return classified.withContext(command.context());
    }
    long clientLine = sink.lineOf(rowsBefore + Long.parseLong(line.group(1)));
    Matcher conversion = CONVERSION.matcher(text);
    String message = classified.getMessage();
    SqlState state = classified.sqlState();
    String context = command.context() + ", line " + clientLine;
    if (conversion.find()) {
      message = "invalid input syntax for column \"" + conversion.group(1) + "\": "
          + conversion.group(2);
      state = SqlState.INVALID_TEXT_REPRESENTATION;
      context += ", column " + conversion.group(1);
    }
    return new PgException(PgException.Severity.ERROR, state, message, null, null, 0, e)
        .withContext(context);
  }

  private PgException spoolFailure(Throwable cause) {
    return new PgException(PgException.Severity.ERROR, SqlState.IO_ERROR,
        "could not write COPY spool file: " + cause.getMessage(), null, null, 0, cause);
  }

  /**
   * Drops the spool files; after finish, after an error, or on CopyFail. Waits for a segment
   * still loading, and rolls back this COPY's own transaction if it did not commit.
   */
  @Override
  public void close() {
    try {
      sink.close();
    } catch (IOException ignored) {
      // The files are deleted next; a failed close loses nothing we need.
    }
    stopLoader();
    if (transactionOpen) {
      transactionOpen = false;
      try (Statement statement = connection.createStatement()) {
        statement.execute("ROLLBACK");
      } catch (SQLException ignored) {
        // DuckDB may have ended the failed transaction itself; nothing of it is kept either way.
      }
    }
    for (Path file : sink.files()) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // Left in DuckDB's temp directory, which is cleaned with the data directory.
      }
    }
  }
}
