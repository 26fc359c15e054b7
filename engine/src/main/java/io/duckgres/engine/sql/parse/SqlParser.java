package io.duckgres.engine.sql.parse;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.jna.Memory;
import io.duckgres.engine.sql.parse.tree.PgQuery.ParseResult;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.PgException.Severity;
import io.duckgres.pgwire.SqlState;
import java.nio.charset.StandardCharsets;

/**
 * PostgreSQL's grammar, through libpg_query: a statement text becomes PostgreSQL's raw parse
 * tree ({@link ParseResult}, the protobuf form of {@code List<RawStmt>}), and a tree becomes text
 * again (libpg_query's deparser, which prints what PostgreSQL's grammar reads back to the same
 * tree). A syntax error is PostgreSQL's own, with SQLSTATE 42601 and the position it names.
 *
 * <p>The library is loaded once, when this class is first used; {@link #check()} loads it early so
 * a server without it stops at startup with one line saying what to install.
 */
public final class SqlParser {
  private static final LibPgQuery LIBRARY;
  private static final Throwable MISSING;

  static {
    LibPgQuery library = null;
    Throwable missing = null;
    try {
      library = LibPgQuery.load();
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      missing = e;
    }
    LIBRARY = library;
    MISSING = missing;
  }

  private SqlParser() {}

  /**
   * Loads libpg_query, or throws {@link IllegalStateException} with one line naming the package to
   * install.
   */
  public static void check() {
    if (LIBRARY == null) {
      String reason = String.valueOf(MISSING.getMessage()).lines().findFirst().orElse("");
      throw new IllegalStateException("PostgreSQL's parser library " + LibPgQuery.LIBRARY
          + " cannot be loaded; install the Debian package libpg-query1504.0 (" + reason + ")");
    }
  }

  /** The parse tree of {@code sql} (zero or more statements); a syntax error is 42601. */
  public static ParseResult parse(String sql) {
    check();
    LibPgQuery.ProtobufParseResult result = LIBRARY.pg_query_parse_protobuf(sql);
    try {
      if (result.error != null) {
        LibPgQuery.Error error = new LibPgQuery.Error(result.error);
        throw new PgException(Severity.ERROR, SqlState.SYNTAX_ERROR, error.message, null, null,
            Math.max(error.cursorpos, 0), null);
      }
      byte[] bytes = result.parseTree.data.getByteArray(0, (int) result.parseTree.len);
      return ParseResult.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("libpg_query returned an unreadable parse tree", e);
    } finally {
      LIBRARY.pg_query_free_protobuf_parse_result(result);
    }
  }

  /** PostgreSQL text for {@code tree}: statements separated by "; ". */
  public static String deparse(ParseResult tree) {
    check();
    byte[] bytes = tree.toByteArray();
    Memory memory = new Memory(Math.max(bytes.length, 1));
    memory.write(0, bytes, 0, bytes.length);
    LibPgQuery.Protobuf.ByValue input = new LibPgQuery.Protobuf.ByValue();
    input.len = bytes.length;
    input.data = memory;
    LibPgQuery.DeparseResult result = LIBRARY.pg_query_deparse_protobuf(input);
    try {
      if (result.error != null) {
        LibPgQuery.Error error = new LibPgQuery.Error(result.error);
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
            "cannot print the statement for DuckDB: " + error.message);
      }
      return result.query.getString(0, StandardCharsets.UTF_8.name());
    } finally {
      LIBRARY.pg_query_free_deparse_result(result);
      memory.close();
    }
  }
}
