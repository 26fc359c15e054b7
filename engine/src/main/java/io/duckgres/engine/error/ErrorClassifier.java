package io.duckgres.engine.error;

import io.duckgres.engine.ducklake.SerializationRetry;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTimeoutException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place engine errors become PostgreSQL errors. duckdb_jdbc throws {@code SQLException}s
 * whose message starts with DuckDB's exception type ("Catalog Error: ...") and carries no
 * SQLSTATE, so we read the type and the wording and pick the code PostgreSQL would send. Clients
 * branch on these codes (retry on 40001, "table missing" on 42P01), so an unknown error is
 * XX000, never 00000.
 *
 * <p>The message sent is DuckDB's first line without its "X Error: " prefix; for missing
 * relations, columns and functions it is reworded as PostgreSQL words it. DuckDB's further lines
 * ("Did you mean", "Candidate bindings") become DETAIL or HINT, and its "LINE n:" caret becomes
 * the position field (see {@link ErrorPosition}).
 *
 * <p>PostgreSQL documentation: Appendix A "PostgreSQL Error Codes" and section 55.8 "Error and
 * Notice Message Fields".
 */
public final class ErrorClassifier {
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"|'([^']+)'");
  private static final List<String> HINT_STARTS =
      List.of("Did you mean", "Candidate", "Use ", "Either ", "Possible ", "Please ", "You might");
  private static final String USER_CANCEL = "canceling statement due to user request";
  private static final String TIMEOUT_CANCEL = "canceling statement due to statement timeout";

  /**
   * CREATE/ALTER SEQUENCE options that contradict each other, which DuckDB's parser rejects in
   * PostgreSQL's words ("MINVALUE (5) must be less than MAXVALUE (1)"); PostgreSQL says 22023.
   */
  private static final Pattern SEQUENCE_OPTIONS = Pattern.compile(
      "^(?:MINVALUE \\(|MAXVALUE \\(|START value \\(|(?i:increment must not be zero))");

  /** OFFSET as the last of LIMIT/OFFSET before the caret. */
  private static final Pattern LAST_ROW_COUNT_CLAUSE =
      Pattern.compile("\\boffset\\b(?!.*\\blimit\\b)", Pattern.DOTALL);

  private ErrorClassifier() {}

  /** The error PostgreSQL sends for a cancelled statement (57014), by CancelRequest or timeout. */
  public static PgException queryCanceled(boolean statementTimeout) {
    return new PgException(
        SqlState.QUERY_CANCELED, statementTimeout ? TIMEOUT_CANCEL : USER_CANCEL);
  }

  /**
   * Maps an engine error to the ErrorResponse to send.
   *
   * @param t what the engine threw: usually a duckdb_jdbc SQLException, possibly wrapped
   * @param sql the statement text positions are relative to (the statement DuckDB ran), or null
   */
  public static PgException classify(Throwable t, String sql) {
    Throwable cause = t;
    for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
      if (cause instanceof PgException pg) {
        return pg;
      }
      DuckDbError error = DuckDbError.parse(cause.getMessage());
      if (error != null) {
        return fromDuckDb(error, sql, t);
      }
    }
    return fromJava(t);
  }

  private static PgException fromDuckDb(DuckDbError error, String sql, Throwable t) {
    ErrorMapping mapping = error.message().equals("LIMIT/OFFSET cannot be negative")
        ? negativeRowCount(error, sql) : map(error);
    String detail;
    String hint = mapping.hint();
    List<String> extra = error.extraLines();
    if (hint != null) {
      detail = joinNonBlank(extra);
    } else {
      int hintStart = extra.size();
      for (int i = 0; i < extra.size() && hintStart == extra.size(); i++) {
        String line = extra.get(i).strip();
        if (HINT_STARTS.stream().anyMatch(line::startsWith)) {
          hintStart = i;
        }
      }
      detail = joinNonBlank(extra.subList(0, hintStart));
      hint = joinNonBlank(extra.subList(hintStart, extra.size()));
    }
    String token = mapping.token() != null ? mapping.token() : firstQuoted(error.message());
    int position = ErrorPosition.locate(sql, error, token);
    return new PgException(
        PgException.Severity.ERROR, mapping.state(), mapping.message(), detail, hint, position, t);
  }

  private static ErrorMapping map(DuckDbError error) {
    String message = error.message();
    String lower = message.toLowerCase(Locale.ROOT);
    // A full disk (ENOSPC) whatever DuckDB's error type: a failed commit ("TransactionContext"),
    // a failed checkpoint ("FATAL"), a write ("IO"). PostgreSQL: 53100 disk_full.
    if (lower.contains("no space left on device")) {
      return new ErrorMapping(SqlState.DISK_FULL, message);
    }
    // "Divide by Zero Error" or any other type whose text says so; PostgreSQL has its own code.
    if (error.type().equals("Divide by Zero") || lower.contains("division by zero")) {
      return new ErrorMapping(SqlState.DIVISION_BY_ZERO, "division by zero");
    }
    // A DuckLake commit the metadata store refused with a serialization failure (CockroachDB's
    // "restart transaction"): the store's words are on DuckDB's later lines. The client may retry.
    if (error.type().equals("TransactionContext")
        && SerializationRetry.mentionsSerializationFailure(
            message + "\n" + String.join("\n", error.extraLines()))) {
      return new ErrorMapping(SqlState.SERIALIZATION_FAILURE, message);
    }
    ErrorMapping raised = JavaFunctionErrors.map(message);
    if (raised != null) {
      return raised;
    }
    return switch (error.type()) {
      // Names that don't resolve or are taken: missing tables, columns, functions, schemas.
      case "Catalog", "Binder" -> NameErrors.map(error.type(), message, lower);
      // "syntax error at or near ..." and friends from the parser. DuckDB's "Syntax Error" is
      // raised for malformed pieces such as a LIKE escape longer than one character.
      case "Parser", "Syntax" -> lower.contains("escape string")
          ? new ErrorMapping(SqlState.INVALID_ESCAPE_SEQUENCE, message)
          : SEQUENCE_OPTIONS.matcher(message).find()
              ? new ErrorMapping(SqlState.INVALID_PARAMETER_VALUE, message)
              : new ErrorMapping(SqlState.SYNTAX_ERROR, message);
      // Casts that failed: bad text (22P02), out of range (22003), bad dates (22007/22008).
      case "Conversion" -> DataErrors.conversion(message, lower);
      // "Overflow in addition of INT32", "cannot take logarithm of zero".
      case "Out of Range" -> new ErrorMapping(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, message);
      // Unique, not-null, foreign-key and check violations (class 23).
      case "Constraint" -> DataErrors.constraint(message, lower);
      // Write-write conflicts (40001) and BEGIN/COMMIT misuse (class 25).
      case "TransactionContext" -> DataErrors.transaction(message, lower);
      // SET of a setting an ordinary user's database has locked (see DatabaseAccess): 42501 in
      // PostgreSQL's words. Otherwise DuckDB's catch-all for bad values and requests; 22023
      // unless the text says more.
      case "Invalid Input" -> lower.contains("the configuration has been locked")
          ? new ErrorMapping(SqlState.INSUFFICIENT_PRIVILEGE,
              "permission denied to set parameter \"" + firstQuoted(message) + "\"", null,
              "Only session settings can be changed; settings of the whole server are the"
                  + " operator's.")
          : DataErrors.invalidInput(message, lower);
      // "INTERRUPT Error: Interrupted!" after Statement.cancel() or setQueryTimeout. The driver
      // throws SQLTimeoutException for both, so a session enforcing statement_timeout through
      // cancel() should send queryCanceled(true) itself.
      case "INTERRUPT" -> new ErrorMapping(SqlState.QUERY_CANCELED, USER_CANCEL);
      // "failed to allocate data of size ..." when memory_limit is hit.
      case "Out of Memory" -> new ErrorMapping(SqlState.OUT_OF_MEMORY, message);
      // Files and URLs that can't be read or written (class 58, or 42501 / 53100 by errno).
      case "IO", "HTTP" -> fileAccess(message, lower);
      // "Cannot access file ... - file system operations are disabled by configuration".
      case "Permission" -> new ErrorMapping(SqlState.INSUFFICIENT_PRIVILEGE, message, null,
          lower.contains("disabled") ? "Only superusers may use the server's files, attach"
              + " databases or load extensions; COPY ... FROM STDIN and TO STDOUT move data"
              + " through the client." : null);
      // "Cannot drop entry "s" because there are entries that depend on it."
      case "Dependency" -> new ErrorMapping(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, message);
      // "Unknown TimeZone 'x'!" is a bad setting value; the rest is DuckDB lacking a feature
      // or an extension that isn't loaded.
      case "Not implemented", "Missing Extension", "Extension Autoloading" ->
          lower.contains("unknown timezone")
              ? new ErrorMapping(SqlState.INVALID_PARAMETER_VALUE, message)
              : new ErrorMapping(SqlState.FEATURE_NOT_SUPPORTED, message);
      // "nextval: reached maximum value of sequence"; "currval: sequence is not yet defined in
      // this session" is 55000 in PostgreSQL too.
      case "Sequence" -> lower.contains("reached")
          ? new ErrorMapping(SqlState.SEQUENCE_GENERATOR_LIMIT_EXCEEDED, message)
          : new ErrorMapping(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, message);
      // A parameter whose type DuckDB could not infer ("could not determine data type").
      case "Parameter Not Resolved" -> new ErrorMapping(SqlState.INDETERMINATE_DATATYPE, message);
      // Parameters where DuckDB accepts none (utility statements).
      case "Parameter Not Allowed" -> new ErrorMapping(SqlState.UNDEFINED_PARAMETER, message);
      // A value of the wrong type where DuckDB expected another.
      case "Mismatch Type", "Invalid type", "Unknown Type" ->
          new ErrorMapping(SqlState.DATATYPE_MISMATCH, message);
      // Decimal width/scale trouble: a data exception with no narrower code.
      case "Decimal" -> new ErrorMapping(SqlState.DATA_EXCEPTION, message);
      // A value or allocation larger than DuckDB allows.
      case "Object Size" -> new ErrorMapping(SqlState.PROGRAM_LIMIT_EXCEEDED, message);
      // A setting given a value it can't take.
      case "Invalid Configuration", "Settings" ->
          new ErrorMapping(SqlState.INVALID_PARAMETER_VALUE, message);
      // "Connection Error: Connection already closed!": the DuckDB connection is gone.
      case "Connection" -> new ErrorMapping(SqlState.CONNECTION_EXCEPTION, message);
      // INTERNAL, FATAL, Serialization (plan/storage encoding, not transactions), Executor, ...
      default -> new ErrorMapping(SqlState.INTERNAL_ERROR, message);
    };
  }

  /**
   * DuckDB's one message for a negative LIMIT or OFFSET: its caret points at the value, so the
   * keyword before it tells which clause PostgreSQL would name (2201W or 2201X).
   */
  private static ErrorMapping negativeRowCount(DuckDbError error, String sql) {
    int index = sql == null || error.context() == null
        ? -1 : ErrorPosition.fromCaret(sql, error.context());
    String before = index < 0 ? "" : sql.substring(0, index).toLowerCase(Locale.ROOT);
    return LAST_ROW_COUNT_CLAUSE.matcher(before).find()
        ? new ErrorMapping(SqlState.INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE,
            "OFFSET must not be negative")
        : new ErrorMapping(SqlState.INVALID_ROW_COUNT_IN_LIMIT_CLAUSE,
            "LIMIT must not be negative");
  }

  /** File errors get the codes PostgreSQL derives from errno for the same failure. */
  private static ErrorMapping fileAccess(String message, String lower) {
    // "No files found that match the pattern "x"", "Cannot open file "x": No such file or
    // directory" (ENOENT).
    if (lower.contains("no files found") || lower.contains("no such file")) {
      return new ErrorMapping(SqlState.UNDEFINED_FILE, message);
    }
    // "Cannot open file "x": Permission denied" (EACCES).
    if (lower.contains("permission denied")) {
      return new ErrorMapping(SqlState.INSUFFICIENT_PRIVILEGE, message);
    }
    // "No space left on device" (ENOSPC).
    if (lower.contains("no space left")) {
      return new ErrorMapping(SqlState.DISK_FULL, message);
    }
    // Any other read or write failure.
    return new ErrorMapping(SqlState.IO_ERROR, message);
  }

  /** Throwables that aren't DuckDB errors: timeouts and resource exhaustion on our side. */
  private static PgException fromJava(Throwable t) {
    // A timeout raised by something other than DuckDB (DuckDB's own says "INTERRUPT Error").
    if (t instanceof SQLTimeoutException) {
      return queryCanceled(true);
    }
    // The worker thread was interrupted by a CancelRequest.
    if (t instanceof InterruptedException) {
      return queryCanceled(false);
    }
    // The JVM ran out of heap while materialising a result.
    if (t instanceof OutOfMemoryError) {
      return new PgException(SqlState.OUT_OF_MEMORY, "out of memory");
    }
    // The driver doesn't implement a JDBC method we called.
    if (t instanceof SQLFeatureNotSupportedException) {
      return new PgException(SqlState.FEATURE_NOT_SUPPORTED, firstLine(t));
    }
    // Anything else ("Statement was closed", a bug of ours): internal, never 00000.
    return new PgException(
        PgException.Severity.ERROR, SqlState.INTERNAL_ERROR, firstLine(t), null, null, 0, t);
  }


  private static String firstQuoted(String message) {
    Matcher m = QUOTED.matcher(message);
    if (!m.find()) {
      return null;
    }
    return m.group(1) != null ? m.group(1) : m.group(2);
  }

  private static String joinNonBlank(List<String> lines) {
    List<String> kept = lines.stream().filter(line -> !line.isBlank()).toList();
    return kept.isEmpty() ? null : String.join("\n", kept);
  }

  private static String firstLine(Throwable t) {
    String message = t.getMessage();
    if (message == null || message.isBlank()) {
      return t.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
