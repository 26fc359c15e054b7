package io.duckgres.engine.sql.translate;

import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.transform.TreeTransforms;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PostgreSQL → DuckDB SQL translation: PostgreSQL's parse tree of the statement
 * ({@link ParsedText}) goes through the tree transforms ({@link TreeTransforms}); when one
 * applied, the tree is printed back by PostgreSQL's deparser, else the client's text goes on
 * unchanged. Text PostgreSQL's grammar rejects (DuckDB's own statements) goes to DuckDB as
 * written. Translations are cached per statement text (bounded), so a repeated statement is
 * translated once.
 */
public final class Translator {
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
      return sql;
    }
    String transformed = TreeTransforms.apply(parsed.statements(), sql);
    // A deparsed statement: names DuckDB reserves are quoted (see DuckDbKeywordQuotes).
    return transformed == sql ? sql : DuckDbKeywordQuotes.quote(transformed);
  }
}
