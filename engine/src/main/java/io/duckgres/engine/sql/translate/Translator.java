package io.duckgres.engine.sql.translate;

import io.duckgres.engine.catalog.CatalogSql;
import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.transform.TreeTransforms;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL → DuckDB SQL translation. PostgreSQL's parse tree of the statement
 * ({@link ParsedText}) goes through the tree transforms ({@link TreeTransforms}); the text for
 * DuckDB then goes through the token rewrites below, applied in order. Each rewrite lives in its
 * own class with its own tests; this class only lists them. Translations are cached per statement
 * text (bounded), so a repeated statement is translated once.
 */
public final class Translator {
  private static final List<Rewrite> REWRITES = List.of(
      // Catalog queries (pg_catalog.X, ::regclass, OPERATOR(pg_catalog.~), public.X): first, so
      // that '{a}'::pg_catalog.text[] reaches ArrayLiterals as '{a}'::text[].
      CatalogSql::rewrite,
      // Differences found by the differential suite (it/…/differential): each a class of its own.
      new FunctionEquivalents(),
      new SetReturningFunctions(),
      // Several statements (CREATE SEQUENCE ...; CREATE TABLE): the session runs them as one.
      new SerialColumns());

  private Translator() {}

  private static final int CACHE_ENTRIES = 2048;
  private static final int CACHE_MAX_LENGTH = 16 * 1024;
  private static final Map<String, String> CACHE = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > CACHE_ENTRIES;
    }
  };

  /**
   * The DuckDB text of {@code sql}.
   *
   * @throws io.duckgres.pgwire.PgException when a transform refuses the statement (e.g. 22003 for
   *     a numeric beyond DuckDB's 38 digits)
   */
  public static String translate(String sql) {
    boolean cacheable = sql.length() <= CACHE_MAX_LENGTH;
    if (cacheable) {
      synchronized (CACHE) {
        String cached = CACHE.get(sql);
        if (cached != null) {
          return cached;
        }
      }
    }
    String result = translateUncached(sql, ParsedText.of(sql));
    if (cacheable) {
      synchronized (CACHE) {
        CACHE.put(sql, result);
      }
    }
    return result;
  }

  /** The translation of {@code parsed}, computed afresh (no translation cache). */
  public static String translateUncached(String sql, ParsedText parsed) {
    if (parsed.statements().isEmpty()) {
      return rewrite(sql);
    }
    String transformed = TreeTransforms.apply(parsed.statements(), sql);
    // A deparsed statement: names DuckDB reserves are quoted (see DuckDbKeywordQuotes).
    return rewrite(transformed == sql ? sql : DuckDbKeywordQuotes.quote(transformed));
  }

  /** The token rewrites alone (no parse tree), for text that has been through the transforms. */
  static String rewrite(String sql) {
    String result = sql;
    for (Rewrite rewrite : REWRITES) {
      result = rewrite.apply(result);
    }
    return result;
  }
}
