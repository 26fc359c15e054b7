package io.duckgres.engine.settings;

import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.tree.PgQuery.A_Const;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.util.Locale;
import java.util.List;
import java.util.Set;

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
 * @param readOnly READ ONLY was asked for
 */
public record TransactionModes(String isolation, boolean readOnly) {
  /** The values transaction_isolation and default_transaction_isolation accept. */
  public static final Set<String> LEVELS =
      Set.of("serializable", "repeatable read", "read committed", "read uncommitted");

  /**
   * The modes of {@code sql}, read from PostgreSQL's parse tree (cached per text): the options of
   * BEGIN / START TRANSACTION, or of SET TRANSACTION / SET SESSION CHARACTERISTICS.
   *
   * @throws PgException PostgreSQL's syntax error (42601) when the grammar rejects {@code sql},
   *     as it does an ISOLATION LEVEL naming no level PostgreSQL knows
   */
  public static TransactionModes parse(String sql) {
    ParsedText parsed = ParsedText.of(sql);
    if (parsed.syntaxError() != null) {
      throw parsed.syntaxError();
    }
    RawStmt statement = parsed.single();
    if (statement == null) {
      return new TransactionModes(null, false);
    }
    Node node = statement.getStmt();
    List<Node> options = node.hasTransactionStmt() ? node.getTransactionStmt().getOptionsList()
        : node.hasVariableSetStmt() ? node.getVariableSetStmt().getArgsList() : List.of();
    String isolation = null;
    boolean readOnly = false;
    for (Node option : options) {
      if (!option.hasDefElem() || !option.getDefElem().getArg().hasAConst()) {
        continue;
      }
      A_Const value = option.getDefElem().getArg().getAConst();
      switch (option.getDefElem().getDefname()) {
        case "transaction_isolation" -> isolation = value.getSval().getSval();
        case "transaction_read_only" -> readOnly = value.getIval().getIval() != 0;
        default -> { }
      }
    }
    return new TransactionModes(isolation, readOnly);
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
