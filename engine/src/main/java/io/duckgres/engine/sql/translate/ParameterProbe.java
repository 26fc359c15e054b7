package io.duckgres.engine.sql.translate;

import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.SqlScanner;
import io.duckgres.engine.sql.parse.TreeNodes;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import io.duckgres.pgwire.PgException;
import java.util.List;

/**
 * A statement whose parameters are NULLs, for describing its result at Parse. DuckDB types some
 * result columns only once the parameters are bound ({@code select i from generate_series(1,
 * $1::integer) t(i)}); PostgreSQL knows them at Parse, and asyncpg picks its row decoders from
 * the statement's RowDescription before it binds anything.
 *
 * <p>Only statements that cast every parameter ({@code $1::integer}, {@code CAST($1 AS integer)})
 * are probed: the cast, not the value, then decides each parameter's type, so the probe's result
 * types are those of every execution, however the client sends the values. Whether every
 * parameter is cast is read from PostgreSQL's parse tree of the client's statement (cached per
 * text); the parameters are then replaced where PostgreSQL's scanner finds them in the
 * translation for DuckDB.
 */
public final class ParameterProbe {
  private ParameterProbe() {}

  /**
   * {@code translated} (the translation of {@code sql} for DuckDB) with each {@code $n} replaced
   * by NULL, or null when {@code sql} has no parameter, or one that is not cast where it appears.
   */
  public static String withNullParameters(String sql, String translated) {
    ParsedText parsed = ParsedText.of(sql);
    if (parsed.syntaxError() != null || !everyParameterCast(parsed.statements())) {
      return null;
    }
    List<SqlScanner.Token> tokens;
    try {
      tokens = SqlScanner.scan(translated);
    } catch (PgException unreadable) {
      return null;
    }
    StringBuilder probe = new StringBuilder(translated.length());
    int copied = 0;
    for (SqlScanner.Token token : tokens) {
      if (token.kind() == SqlScanner.PARAM) {
        probe.append(translated, copied, token.start()).append("NULL");
        copied = token.end();
      }
    }
    return copied == 0 ? null : probe.append(translated, copied, translated.length()).toString();
  }

  /** True when the statements have parameters and each stands as the operand of a cast. */
  private static boolean everyParameterCast(List<RawStmt> statements) {
    int[] counts = new int[2];
    for (RawStmt statement : statements) {
      TreeNodes.forEach(statement, node -> {
        if (node.hasParamRef()) {
          counts[0]++;
        } else if (node.hasTypeCast() && node.getTypeCast().getArg().hasParamRef()) {
          counts[1]++;
        }
      });
    }
    return counts[0] > 0 && counts[0] == counts[1];
  }
}
