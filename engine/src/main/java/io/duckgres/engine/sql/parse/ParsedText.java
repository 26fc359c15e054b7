package io.duckgres.engine.sql.parse;

import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import io.duckgres.pgwire.PgException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A statement text as PostgreSQL's grammar reads it: its statements' trees, or the syntax error
 * PostgreSQL would report. Texts PostgreSQL's grammar rejects may still be DuckDB's own statements
 * (USE, ATTACH, PRAGMA, FROM-first queries): those go to DuckDB as written.
 *
 * <p>{@link #of(String)} parses each distinct text once: results are kept in a bounded
 * least-recently-used cache, so a client repeating a statement pays no parse.
 *
 * @param statements the parsed statements (empty for a text of only comments or whitespace, or
 *     when the grammar rejected it)
 * @param syntaxError PostgreSQL's error for a text it cannot parse, else null
 */
public record ParsedText(String sql, List<RawStmt> statements, PgException syntaxError) {
  /**
   * A parse tree takes many times its text in memory: at most 1,024 trees, of texts up to 8 KB
   * (ORM statements and clients' catalog queries are shorter).
   */
  private static final int CACHE_ENTRIES = 1024;
  /** Longer texts (bulk INSERTs) are parsed each time rather than held in memory. */
  private static final int CACHE_MAX_LENGTH = 8 * 1024;
  private static final Map<String, ParsedText> CACHE =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ParsedText> eldest) {
          return size() > CACHE_ENTRIES;
        }
      };

  /** The parse of {@code sql}, from the cache when this text was read before. */
  public static ParsedText of(String sql) {
    boolean cacheable = sql.length() <= CACHE_MAX_LENGTH;
    if (cacheable) {
      synchronized (CACHE) {
        ParsedText cached = CACHE.get(sql);
        if (cached != null) {
          return cached;
        }
      }
    }
    ParsedText parsed;
    try {
      parsed = new ParsedText(sql, SqlParser.parse(sql).getStmtsList(), null);
    } catch (PgException syntaxError) {
      parsed = new ParsedText(sql, List.of(), syntaxError);
    }
    if (cacheable) {
      synchronized (CACHE) {
        CACHE.put(sql, parsed);
      }
    }
    return parsed;
  }

  /** The single statement of this text, or null when it holds none, several, or did not parse. */
  public RawStmt single() {
    return statements.size() == 1 ? statements.get(0) : null;
  }
}
