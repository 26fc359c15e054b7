package io.duckgres.engine.settings;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transaction modes of BEGIN, START TRANSACTION, SET TRANSACTION and SET SESSION
 * CHARACTERISTICS AS TRANSACTION (PostgreSQL docs, "SET TRANSACTION"):
 *
 * <pre>
 * ISOLATION LEVEL { SERIALIZABLE | REPEATABLE READ | READ COMMITTED | READ UNCOMMITTED }
 * READ WRITE | READ ONLY
 * [ NOT ] DEFERRABLE
 * </pre>
 *
 * <p>DuckDB runs every transaction with snapshot isolation whatever level is asked for; the level
 * is kept so that SHOW transaction_isolation answers what the client set, as PostgreSQL answers
 * "read uncommitted" although it runs such a transaction as read committed.
 *
 * @param isolation the level in the spelling SHOW uses ("read committed"), or null when the
 *     statement names none
 */
public record TransactionModes(String isolation) {
  /** The values transaction_isolation and default_transaction_isolation accept. */
  public static final Set<String> LEVELS =
      Set.of("serializable", "repeatable read", "read committed", "read uncommitted");

  /** Modes may follow without a comma: "ISOLATION LEVEL SERIALIZABLE READ ONLY". */
  private static final Pattern ISOLATION = Pattern.compile("(?i)\\bisolation\\s+level\\s+"
      + "(serializable|repeatable\\s+read|read\\s+committed|read\\s+uncommitted|[^\\s,;]+)");

  /**
   * The modes in {@code sql}, which may be the whole statement: only the ISOLATION LEVEL clause
   * is read.
   *
   * @throws PgException 42601 when ISOLATION LEVEL names no level PostgreSQL knows
   */
  public static TransactionModes parse(String sql) {
    Matcher matcher = ISOLATION.matcher(sql);
    if (!matcher.find()) {
      if (sql.toLowerCase(Locale.ROOT).matches("(?s).*\\bisolation\\b.*")) {
        throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"isolation\"");
      }
      return new TransactionModes(null);
    }
    String level = matcher.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    if (!LEVELS.contains(level)) {
      throw new PgException(SqlState.SYNTAX_ERROR,
          "syntax error at or near \"" + matcher.group(1) + "\"");
    }
    return new TransactionModes(level);
  }

  /**
   * A value for transaction_isolation or default_transaction_isolation in SHOW's spelling
   * (lower case, one space): "READ COMMITTED" is accepted, "read_committed" is not.
   *
   * @throws PgException 22023 for anything else, with PostgreSQL's message
   */
  static String level(String parameter, String value) {
    String level = value.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    if (!LEVELS.contains(level)) {
      throw new PgException(PgException.Severity.ERROR, SqlState.INVALID_PARAMETER_VALUE,
          "invalid value for parameter \"" + parameter + "\": \"" + value + "\"", null,
          "Available values: serializable, repeatable read, read committed, read uncommitted.",
          0, null);
    }
    return level;
  }
}
