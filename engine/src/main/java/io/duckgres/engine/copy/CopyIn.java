package io.duckgres.engine.copy;

import io.duckgres.engine.error.ErrorClassifier;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.duckgres.pgwire.types.PgType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code COPY … FROM STDIN} in progress. The client's data is parsed as it arrives and
 * written to a normalised CSV file in DuckDB's temp directory; at CopyDone one DuckDB {@code COPY}
 * statement loads it, so the load is atomic (a bad row loads nothing) and runs on DuckDB's
 * parallel CSV reader instead of row-by-row inserts.
 */
public final class CopyIn implements AutoCloseable {
  private static final Pattern DUCKDB_LINE = Pattern.compile("CSV Error on Line: (\\d+)");
  private static final Pattern CONVERSION = Pattern.compile(
      "Error when converting column \"([^\"]*)\"\\. (.*)");

  private final Connection connection;
  private final CopyCommand command;
  private final String[] columns;
  private final Path file;
  private final DuckDbCsvSink sink;
  private final CopyDataParser parser;

  public CopyIn(Connection connection, Path tempDirectory, CopyCommand command, String[] columns,
      PgType<?>[] types) {
    this.connection = connection;
    this.command = command;
    this.columns = columns;
    this.file = tempDirectory.resolve("copy-" + UUID.randomUUID() + ".csv");
    try {
      this.sink = new DuckDbCsvSink(file, types);
    } catch (IOException e) {
      throw new PgException(PgException.Severity.ERROR, SqlState.IO_ERROR,
          "could not create COPY spool file: " + e.getMessage(), null, null, 0, e);
    }
    this.parser = CopyDataParser.create(command.options(), sink, types, columns,
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
    StringBuilder sql = new StringBuilder("COPY ").append(command.table());
    if (!command.columns().isEmpty()) {
      sql.append(" (").append(String.join(", ", command.columns())).append(')');
    }
    sql.append(" FROM '").append(file.toString().replace("'", "''"))
        .append("' (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NULL '',"
            + " ALLOW_QUOTED_NULLS false, AUTO_DETECT false, NEW_LINE '\\n')");
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql.toString());
      return parser.rows();
    } catch (SQLException e) {
      throw loadFailure(e);
    }
  }

  /** Turns DuckDB's CSV error into PostgreSQL's shape, naming the client's line. */
  private PgException loadFailure(SQLException e) {
    PgException classified = ErrorClassifier.classify(e, "");
    String text = e.getMessage() == null ? "" : e.getMessage();
    Matcher line = DUCKDB_LINE.matcher(text);
    if (!line.find()) {
      return classified.withContext(command.context());
    }
    long clientLine = sink.lineOf(Long.parseLong(line.group(1)));
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

  /** Drops the spool file; after finish, after an error, or on CopyFail. */
  @Override
  public void close() {
    try {
      sink.close();
    } catch (IOException ignored) {
      // The file is deleted next; a failed close loses nothing we need.
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // Left in DuckDB's temp directory, which is cleaned with the data directory.
    }
  }
}
