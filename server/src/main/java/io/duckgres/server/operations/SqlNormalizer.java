package io.duckgres.server.operations;

import io.duckgres.engine.sql.parse.ParsedText;
import io.duckgres.engine.sql.parse.SqlScanner;
import io.duckgres.engine.sql.parse.TreeNodes;
import io.duckgres.engine.sql.parse.tree.PgQuery.RawStmt;
import io.duckgres.pgwire.PgException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Statement texts with their constants replaced by {@code $n} placeholders, numbered after the
 * highest parameter the text already has; quoted identifiers, comments, keywords and existing
 * parameters stay.
 *
 * <ul>
 *   <li>{@link #normalize} is the text pg_stat_statements shows: PostgreSQL's own normaliser
 *       (libpg_query's pg_query_normalize), which, as pg_stat_statements, leaves the constants of
 *       most utility statements (CREATE TABLE … AS, COPY, COMMENT) but replaces passwords;
 *   <li>{@link #redact} replaces every constant token PostgreSQL's scanner reads (strings with
 *       any E, B, X or U&amp; prefix, dollar-quoted strings, numbers), for a query log that must
 *       not hold the data a statement carried.
 * </ul>
 *
 * Texts PostgreSQL's grammar rejects (DuckDB's own statements) are normalised as redacted.
 * Results are kept per distinct text in a bounded cache, as statements repeat.
 *
 * <p>PostgreSQL documentation: 4.1.2 "Constants", F.32 "pg_stat_statements".
 */
public final class SqlNormalizer {
  private static final int CACHE_ENTRIES = 1024;
  private static final int CACHE_MAX_LENGTH = 8 * 1024;
  private static final Map<String, String> NORMALIZED = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > CACHE_ENTRIES;
    }
  };
  private static final Set<Integer> CONSTANTS = Set.of(SqlScanner.SCONST, SqlScanner.USCONST,
      SqlScanner.BCONST, SqlScanner.XCONST, SqlScanner.ICONST, SqlScanner.FCONST);

  private SqlNormalizer() {}

  /** {@code sql} as pg_stat_statements shows it. */
  public static String normalize(String sql) {
    boolean cacheable = sql.length() <= CACHE_MAX_LENGTH;
    if (cacheable) {
      synchronized (NORMALIZED) {
        String cached = NORMALIZED.get(sql);
        if (cached != null) {
          return cached;
        }
      }
    }
    String normalized = SqlScanner.normalize(sql);
    if (normalized == null) {
      normalized = redact(sql);
    }
    if (cacheable) {
      synchronized (NORMALIZED) {
        NORMALIZED.put(sql, normalized);
      }
    }
    return normalized;
  }

  /**
   * {@code sql} with every constant replaced by a {@code $n} placeholder. A text the scanner
   * cannot read ends, from where it stops being readable (an unterminated quote), in one
   * placeholder.
   */
  public static String redact(String sql) {
    List<SqlScanner.Token> tokens;
    String unreadable = null;
    try {
      tokens = SqlScanner.scan(sql);
    } catch (PgException error) {
      int stop = Math.max(0, Math.min(sql.length(), error.position() - 1));
      unreadable = sql.substring(stop);
      sql = sql.substring(0, stop);
      try {
        tokens = SqlScanner.scan(sql);
      } catch (PgException stillUnreadable) {
        return "$1";
      }
    }
    int placeholder = 1;
    for (SqlScanner.Token token : tokens) {
      if (token.kind() == SqlScanner.PARAM) {
        try {
          placeholder = Math.max(placeholder, Integer.parseInt(token.text(sql).substring(1)) + 1);
        } catch (NumberFormatException tooLarge) {
          // Not a number a statement can bind; numbering starts lower.
        }
      }
    }
    StringBuilder out = new StringBuilder(sql.length());
    int copied = 0;
    for (SqlScanner.Token token : tokens) {
      if (CONSTANTS.contains(token.kind())) {
        out.append(sql, copied, token.start()).append('$').append(placeholder++);
        copied = token.end();
      }
    }
    out.append(sql, copied, sql.length());
    if (unreadable != null && !unreadable.isBlank()) {
      out.append('$').append(placeholder);
    }
    return out.toString();
  }

  /**
   * Whether the statement may carry a credential: a CREATE or ALTER with a PASSWORD or SECRET
   * option, as in {@code ALTER USER u PASSWORD '…'}, {@code CREATE USER MAPPING … OPTIONS
   * (password '…')} or DuckDB's {@code CREATE SECRET (… SECRET '…')}. Such text is never logged
   * with its constants. Read from PostgreSQL's parse tree; DuckDB's own statements from the
   * scanner's words.
   */
  public static boolean hasSecrets(String sql) {
    ParsedText parsed = ParsedText.of(sql);
    if (parsed.syntaxError() == null) {
      boolean[] found = new boolean[1];
      for (RawStmt statement : parsed.statements()) {
        String kind = statement.getStmt().getNodeCase().name();
        if (kind.startsWith("CREATE") || kind.startsWith("ALTER")) {
          TreeNodes.forEach(statement, node -> {
            if (node.hasDefElem() && isSecretWord(node.getDefElem().getDefname())) {
              found[0] = true;
            }
          });
        }
      }
      return found[0];
    }
    List<SqlScanner.Token> tokens;
    try {
      tokens = SqlScanner.scan(sql);
    } catch (PgException unreadable) {
      return true;
    }
    String first = null;
    for (SqlScanner.Token token : tokens) {
      if (!token.isWord() || token.text(sql).startsWith("\"")) {
        continue;
      }
      String word = token.text(sql).toLowerCase(Locale.ROOT);
      if (first == null) {
        first = word;
        if (!first.equals("create") && !first.equals("alter")) {
          return false;
        }
      } else if (isSecretWord(word)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSecretWord(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    return lower.contains("password") || lower.contains("secret");
  }
}
