package io.duckgres.server.session;

import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.SqlScanner;
import io.duckgres.engine.sql.parse.TreeNodes;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.util.BitSet;

/**
 * PostgreSQL's answer to a statement whose parameter numbers leave a gap ({@code select $3} with
 * no $1 and $2): 42P18 {@code could not determine data type of parameter $1}. DuckDB instead
 * fails such a statement at prepare with an internal error about a vector index; that error is
 * recognised here and replaced. Used only on that error path; the parameters are those of
 * PostgreSQL's parse tree (cached per text), or of its scanner for DuckDB's own statements.
 */
final class ParameterGaps {
  private static final String DUCKDB_SYMPTOM = "within vector of size";

  /** The most parameters the protocol can bind (Bind counts them in 16 bits). */
  private static final int MAX_PARAMETER = 65535;

  private ParameterGaps() {}

  private static void use(BitSet used, int number) {
    if (number > 0 && number <= MAX_PARAMETER) {
      used.set(number);
    }
  }

  /** The 42P18 error to send instead of {@code error}, or {@code error} itself. */
  static PgException explain(PgException error, String sql) {
    if (error.sqlState() != SqlState.INTERNAL_ERROR || error.getMessage() == null
        || !error.getMessage().contains(DUCKDB_SYMPTOM)) {
      return error;
    }
    BitSet used = new BitSet();
    ParsedText parsed = ParsedText.of(sql);
    if (parsed.syntaxError() == null) {
      for (RawStmt statement : parsed.statements()) {
        TreeNodes.forEach(statement, node -> {
          if (node.hasParamRef()) {
            use(used, node.getParamRef().getNumber());
          }
        });
      }
    } else {
      try {
        for (SqlScanner.Token token : SqlScanner.scan(sql)) {
          if (token.kind() == SqlScanner.PARAM) {
            use(used, Integer.parseInt(token.text(sql).substring(1)));
          }
        }
      } catch (RuntimeException unreadable) {
        return error;
      }
    }
    int missing = used.nextClearBit(1);
    return new PgException(SqlState.INDETERMINATE_DATATYPE,
        "could not determine data type of parameter $" + missing);
  }
}
