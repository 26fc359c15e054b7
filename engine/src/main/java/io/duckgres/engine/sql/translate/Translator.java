package io.duckgres.engine.sql.translate;

import io.duckgres.engine.catalog.CatalogSql;
import java.util.List;

/**
 * The PostgreSQL → DuckDB SQL translation: the rewrites, applied in order. Each rewrite lives in
 * its own class with its own tests; this class only lists them.
 */
public final class Translator {
  private static final List<Rewrite> REWRITES = List.of(
      // Catalog queries (pg_catalog.X, ::regclass, OPERATOR(pg_catalog.~), public.X): first, so
      // that '{a}'::pg_catalog.text[] reaches ArrayLiterals as '{a}'::text[]. Owner: catalog/.
      CatalogSql::rewrite,
      // U&'…' first: the rewrites after it see a plain string constant.
      new UnicodeEscapeStrings(),
      new ByteaLiterals(),
      new ArrayLiterals(),
      // Differences found by the differential suite (it/…/differential): each a class of its own.
      new JsonbTypes(),
      new FunctionEquivalents(),
      new DateTimeFormats(),
      new LikeEscapes(),
      new SimilarToPatterns(),
      new SetReturningFunctions(),
      // Several statements (CREATE SEQUENCE ...; CREATE TABLE): the session runs them as one.
      new SerialColumns());

  private Translator() {}

  public static String translate(String sql) {
    String result = sql;
    for (Rewrite rewrite : REWRITES) {
      result = rewrite.apply(result);
    }
    return result;
  }
}
