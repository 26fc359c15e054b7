package io.duckgres.engine.sql.translate;

import io.duckgres.engine.sql.translate.SqlTokens.Kind;
import io.duckgres.engine.sql.translate.SqlTokens.Token;
import java.util.List;

/**
 * A statement whose parameters are NULLs, for describing its result at Parse. DuckDB types some
 * result columns only once the parameters are bound ({@code select i from generate_series(1,
 * $1::integer) t(i)}); PostgreSQL knows them at Parse, and asyncpg picks its row decoders from
 * the statement's RowDescription before it binds anything.
 *
 * <p>Only statements that cast every parameter ({@code $1::integer}) are probed: the cast, not
 * the value, then decides each parameter's type, so the probe's result types are those of every
 * execution, however the client sends the values.
 */
public final class ParameterProbe {
  private ParameterProbe() {}

  /**
   * {@code sql} (already translated for DuckDB) with each {@code $n} replaced by NULL, or null
   * when some parameter is not cast right where it appears.
   */
  public static String withNullParameters(String sql) {
    List<Token> tokens = SqlTokens.tokenize(sql);
    StringBuilder probe = new StringBuilder(sql.length());
    boolean any = false;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.kind() != Kind.PARAMETER) {
        probe.append(token.text());
        continue;
      }
      int next = SqlTokens.next(tokens, i);
      if (next >= tokens.size() || tokens.get(next).kind() != Kind.CAST) {
        return null;
      }
      probe.append("NULL");
      any = true;
    }
    return any ? probe.toString() : null;
  }
}
