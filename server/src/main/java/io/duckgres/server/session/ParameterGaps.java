package io.duckgres.server.session;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's answer to a statement whose parameter numbers leave a gap ({@code select $3} with
 * no $1 and $2): 42P18 {@code could not determine data type of parameter $1}. DuckDB instead
 * fails such a statement at prepare with an internal error about a vector index; that error is
 * recognised here and replaced. Used only on that error path, so the scan for {@code $n} only
 * chooses the number the message names.
 */
final class ParameterGaps {
  private static final Pattern PARAMETER = Pattern.compile("\\$(\\d{1,5})");
  private static final String DUCKDB_SYMPTOM = "within vector of size";

  private ParameterGaps() {}

  /** The 42P18 error to send instead of {@code error}, or {@code error} itself. */
  static PgException explain(PgException error, String sql) {
    if (error.sqlState() != SqlState.INTERNAL_ERROR || error.getMessage() == null
        || !error.getMessage().contains(DUCKDB_SYMPTOM)) {
      return error;
    }
    BitSet used = new BitSet();
    Matcher matcher = PARAMETER.matcher(sql);
    while (matcher.find()) {
      used.set(Integer.parseInt(matcher.group(1)));
    }
    int missing = used.nextClearBit(1);
    return new PgException(SqlState.INDETERMINATE_DATATYPE,
        "could not determine data type of parameter $" + missing);
  }
}
