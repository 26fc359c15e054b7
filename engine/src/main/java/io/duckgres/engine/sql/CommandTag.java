package io.duckgres.engine.sql;

import io.duckgres.engine.sql.StatementKind.Command;
import io.duckgres.engine.sql.parse.SqlScanner;
import io.duckgres.pgwire.PgException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a statement's leading keywords (after comments and opening parentheses), as PostgreSQL's
 * scanner reads them ({@link SqlScanner}), and names the CommandComplete tag PostgreSQL sends for
 * it. A text the scanner cannot read (an unterminated quote or comment) is a utility statement
 * without a tag; DuckDB reports its error. DuckDB's own statements get the tag of
 * the PostgreSQL statement they resemble: FROM-first queries, DESCRIBE, SUMMARIZE and PIVOT are
 * queries ("SELECT n"), CREATE MACRO is CREATE FUNCTION.
 *
 * <p>Two tags depend on more than the first words: CREATE TABLE ... AS is tagged "SELECT n" as
 * PostgreSQL does, and WITH ... is tagged by the statement after the common table expressions,
 * so a data-modifying WITH ... INSERT is "INSERT 0 n". EXECUTE is tagged "EXECUTE"; PostgreSQL
 * sends the prepared statement's own tag, which only the session knows.
 *
 * <p>PostgreSQL documentation: section 55.7 "Message Formats", CommandComplete; the SQL Commands
 * reference (part VI) for each statement's "Outputs" section.
 */
public final class CommandTag {
  private static final Set<String> QUERY_KEYWORDS =
      Set.of("SELECT", "VALUES", "TABLE", "FROM", "DESCRIBE", "DESC", "SUMMARIZE", "PIVOT",
          "UNPIVOT", "PIVOT_WIDER", "PIVOT_LONGER");
  /** Statements that may follow WITH's common table expressions (all reserved or unambiguous). */
  private static final Set<String> AFTER_WITH =
      Set.of("SELECT", "VALUES", "TABLE", "FROM", "INSERT", "UPDATE", "DELETE", "MERGE");
  private static final Set<String> CREATE_MODIFIERS =
      Set.of("OR", "REPLACE", "TEMP", "TEMPORARY", "PERSISTENT", "UNLOGGED", "GLOBAL", "LOCAL",
          "UNIQUE", "RECURSIVE", "TRUSTED", "PROCEDURAL", "CONSTRAINT", "DEFAULT");
  private static final StatementKind EMPTY = new StatementKind(Command.EMPTY, "", false);
  private static final StatementKind QUERY = new StatementKind(Command.SELECT, "SELECT", true);

  private CommandTag() {}

  /** The CommandComplete tag for {@code sql} having affected or returned {@code rowCount} rows. */
  public static String forStatement(String sql, long rowCount) {
    return kindOf(sql).tag(rowCount);
  }

  /** Classifies {@code sql}; same as {@link StatementKind#of(String)}. */
  public static StatementKind kindOf(String sql) {
    Words words = new Words(sql == null ? "" : sql);
    if (words.unreadable) {
      return utility("", false);
    }
    words.skipOpenParentheses();
    if (words.atEnd()) {
      return EMPTY;
    }
    String first = words.next();
    if (first == null) {
      return utility("", false);
    }
    if (QUERY_KEYWORDS.contains(first)) {
      return QUERY;
    }
    return switch (first) {
      case "WITH" -> {
        String main = words.scanTo(AFTER_WITH);
        yield main == null || QUERY_KEYWORDS.contains(main) ? QUERY : dataModifying(main, words);
      }
      case "INSERT", "UPDATE", "DELETE", "MERGE" -> dataModifying(first, words);
      case "COPY" -> new StatementKind(Command.COPY, "COPY", false);
      case "CREATE" -> create(words);
      case "DROP" -> dropOrAlter("DROP", words);
      case "ALTER" -> dropOrAlter("ALTER", words);
      case "BEGIN" -> new StatementKind(Command.BEGIN, "BEGIN", false);
      case "START" -> new StatementKind(Command.BEGIN, "START TRANSACTION", false);
      case "COMMIT", "END" -> words.nextIs("PREPARED")
          ? utility("COMMIT PREPARED", false)
          : new StatementKind(Command.COMMIT, "COMMIT", false);
      case "ROLLBACK", "ABORT" -> rollback(words);
      case "SAVEPOINT", "RELEASE", "RESET", "VACUUM", "CHECKPOINT", "COMMENT", "GRANT",
          "REVOKE", "ATTACH", "DETACH", "USE", "LOAD", "INSTALL", "LISTEN", "UNLISTEN", "NOTIFY",
          "REINDEX", "CLUSTER" -> utility(first, false);
      case "SET" -> utility(words.nextIs("CONSTRAINTS") ? "SET CONSTRAINTS" : "SET", false);
      case "SHOW", "EXPLAIN", "CALL", "PRAGMA" -> utility(first, true);
      // May return rows: it runs whatever was prepared.
      case "EXECUTE" -> utility("EXECUTE", true);
      case "PREPARE" ->
          utility(words.nextIs("TRANSACTION") ? "PREPARE TRANSACTION" : "PREPARE", false);
      case "DEALLOCATE" -> {
        words.nextIs("PREPARE");
        yield utility(words.nextIs("ALL") ? "DEALLOCATE ALL" : "DEALLOCATE", false);
      }
      case "DECLARE" -> utility("DECLARE CURSOR", false);
      case "FETCH" -> new StatementKind(Command.FETCH, "FETCH", true);
      case "MOVE" -> new StatementKind(Command.MOVE, "MOVE", false);
      case "CLOSE" -> utility(words.nextIs("ALL") ? "CLOSE CURSOR ALL" : "CLOSE CURSOR", false);
      case "TRUNCATE" -> utility("TRUNCATE TABLE", false);
      case "ANALYZE", "ANALYSE" -> utility("ANALYZE", false);
      case "LOCK" -> utility("LOCK TABLE", false);
      case "REFRESH" -> utility("REFRESH MATERIALIZED VIEW", false);
      case "DISCARD" ->
          utility(words.nextIs("TEMPORARY") ? "DISCARD TEMP" : withNext("DISCARD", words), false);
      // DuckDB: FORCE CHECKPOINT, FORCE INSTALL x.
      case "FORCE" -> {
        String what = words.next();
        yield utility(what == null ? "FORCE" : what, false);
      }
      // DuckDB: EXPORT DATABASE 'dir', IMPORT DATABASE 'dir'.
      case "EXPORT", "IMPORT" ->
          utility(words.nextIs("DATABASE") ? first + " DATABASE" : first, false);
      default -> utility(first, false);
    };
  }

  /** INSERT, UPDATE, DELETE, MERGE: return rows only with a RETURNING clause. */
  private static StatementKind dataModifying(String keyword, Words words) {
    // DuckDB's UPDATE EXTENSIONS lists the extensions it updated.
    if (keyword.equals("UPDATE") && words.nextIs("EXTENSIONS")) {
      return utility("UPDATE EXTENSIONS", true);
    }
    boolean returning = words.scanTo(Set.of("RETURNING")) != null;
    Command command = Command.valueOf(keyword);
    return new StatementKind(command, keyword, returning);
  }

  private static StatementKind create(Words words) {
    String object = words.next();
    while (object != null && CREATE_MODIFIERS.contains(object)) {
      object = words.next();
    }
    if (object == null) {
      return utility("CREATE", false);
    }
    return switch (object) {
      // CREATE TABLE t AS SELECT ...: a top-level AS (column definitions sit in parentheses).
      case "TABLE" -> words.scanTo(Set.of("AS")) != null
          ? new StatementKind(Command.CREATE_TABLE_AS, "SELECT", false)
          : utility("CREATE TABLE", false);
      case "MATERIALIZED" -> new StatementKind(Command.CREATE_TABLE_AS, "SELECT", false);
      case "MACRO", "FUNCTION" -> utility("CREATE FUNCTION", false);
      case "USER" -> utility("CREATE ROLE", false);
      case "FOREIGN" -> utility(withNext("CREATE FOREIGN", words), false);
      default -> utility("CREATE " + object, false);
    };
  }

  private static StatementKind dropOrAlter(String verb, Words words) {
    String object = words.next();
    // DuckDB: DROP TEMPORARY SECRET, DROP PERSISTENT SECRET.
    while ("TEMPORARY".equals(object) || "PERSISTENT".equals(object)) {
      object = words.next();
    }
    if (object == null) {
      return utility(verb, false);
    }
    return switch (object) {
      // DuckDB: DROP MACRO m, DROP MACRO TABLE m.
      case "MACRO", "FUNCTION" -> utility(verb + " FUNCTION", false);
      case "USER" -> utility(verb + " ROLE", false);
      case "MATERIALIZED" -> utility(verb + " MATERIALIZED VIEW", false);
      case "FOREIGN" -> utility(withNext(verb + " FOREIGN", words), false);
      case "DEFAULT" -> utility(verb + " DEFAULT PRIVILEGES", false);
      default -> utility(verb + " " + object, false);
    };
  }

  /** ROLLBACK ends the transaction; ROLLBACK TO SAVEPOINT doesn't but has the same tag. */
  private static StatementKind rollback(Words words) {
    if (words.nextIs("PREPARED")) {
      return utility("ROLLBACK PREPARED", false);
    }
    if (!words.nextIs("WORK")) {
      words.nextIs("TRANSACTION");
    }
    return words.nextIs("TO")
        ? utility("ROLLBACK", false)
        : new StatementKind(Command.ROLLBACK, "ROLLBACK", false);
  }

  private static String withNext(String prefix, Words words) {
    String next = words.next();
    return next == null ? prefix : prefix + " " + next;
  }

  private static StatementKind utility(String tag, boolean returnsRows) {
    return new StatementKind(Command.UTILITY, tag, returnsRows);
  }

  /**
   * A cursor over a statement's keywords: the tokens of PostgreSQL's scanner, without comments.
   * A text the scanner cannot read (an unterminated quote or comment) has no words.
   */
  private static final class Words {
    private final String sql;
    private final List<SqlScanner.Token> tokens;
    private final boolean unreadable;
    private int position;

    Words(String sql) {
      this.sql = sql;
      List<SqlScanner.Token> scanned;
      boolean failed = false;
      try {
        scanned = SqlScanner.scan(sql);
      } catch (PgException scanError) {
        scanned = List.of();
        failed = true;
      }
      unreadable = failed;
      tokens = scanned.stream().filter(token -> !token.isComment()).toList();
    }

    boolean atEnd() {
      return position >= tokens.size();
    }

    void skipOpenParentheses() {
      while (position < tokens.size() && tokens.get(position).kind() == '(') {
        position++;
      }
    }

    /** The next keyword in upper case, consumed; null (nothing consumed) if no word is next. */
    String next() {
      String word = wordAt(position);
      if (word != null) {
        position++;
      }
      return word;
    }

    /** Consumes the next keyword if it is {@code keyword}. */
    boolean nextIs(String keyword) {
      if (keyword.equals(wordAt(position))) {
        position++;
        return true;
      }
      return false;
    }

    /**
     * Moves past the first keyword in {@code targets} outside parentheses and returns it, or
     * returns null (at the end) when there is none.
     */
    String scanTo(Set<String> targets) {
      int depth = 0;
      while (position < tokens.size()) {
        int kind = tokens.get(position).kind();
        String word = wordAt(position);
        position++;
        if (kind == '(') {
          depth++;
        } else if (kind == ')') {
          depth = Math.max(0, depth - 1);
        } else if (depth == 0 && word != null && targets.contains(word)) {
          return word;
        }
      }
      return null;
    }

    /** The unquoted name or keyword at {@code index} in upper case, else null. */
    private String wordAt(int index) {
      if (index >= tokens.size() || !tokens.get(index).isWord()) {
        return null;
      }
      String text = tokens.get(index).text(sql);
      return text.startsWith("\"") ? null : text.toUpperCase(Locale.ROOT);
    }
  }
}
