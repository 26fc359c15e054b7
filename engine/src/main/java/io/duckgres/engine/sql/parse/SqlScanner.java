package io.duckgres.engine.sql.parse;

import com.google.protobuf.InvalidProtocolBufferException;
import io.duckgres.engine.sql.parse.tree.PgQuery.KeywordKind;
import io.duckgres.engine.sql.parse.tree.PgQuery.ScanResult;
import io.duckgres.engine.sql.parse.tree.PgQuery.ScanToken;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.PgException.Severity;
import io.duckgres.pgwire.SqlState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's scanner and pg_stat_statements' normaliser, through libpg_query. The scanner reads
 * texts that PostgreSQL's grammar rejects but DuckDB runs (USE, ATTACH, PRAGMA, CREATE MACRO,
 * FROM-first queries, SET GLOBAL): their words, names, constants and semicolons are PostgreSQL's
 * tokens, the same as the parser sees, so no other lexer reads a statement.
 */
public final class SqlScanner {
  /** The token numbers of pg_query.proto's {@code Token} that readers ask about. */
  public static final int SEMICOLON = ';';
  public static final int OPEN_PARENTHESIS = '(';
  public static final int DOT = '.';
  public static final int IDENT = 258;
  public static final int FCONST = 260;
  /** A U&amp;"..." identifier, with Unicode escapes. */
  public static final int UIDENT = 259;
  public static final int SCONST = 261;
  public static final int USCONST = 262;
  public static final int BCONST = 263;
  public static final int XCONST = 264;
  public static final int ICONST = 266;
  /** A parameter, {@code $n}. */
  public static final int PARAM = 267;
  public static final int SQL_COMMENT = 275;
  public static final int C_COMMENT = 276;

  /**
   * One token, with its place in the text as character indexes (the library reports UTF-8
   * bytes).
   *
   * @param kind the token's number in pg_query.proto's {@code Token} (the character itself for
   *     one-character tokens such as {@code ;} and {@code (})
   * @param keyword whether the scanner read the word as one of PostgreSQL's keywords
   */
  public record Token(int start, int end, int kind, boolean keyword) {
    public String text(String sql) {
      return sql.substring(start, end);
    }

    public boolean isComment() {
      return kind == SQL_COMMENT || kind == C_COMMENT;
    }

    /** A name or keyword (quoted names are IDENT too). */
    public boolean isWord() {
      return kind == IDENT || keyword;
    }
  }

  /** A text's tokens, or the scanner's error. */
  private record Scanned(List<Token> tokens, PgException error) {}

  /**
   * Several readers ask about the same text (a DuckDB statement is split, checked and classified):
   * each distinct text is scanned once.
   */
  private static final int CACHE_ENTRIES = 256;
  private static final int CACHE_MAX_LENGTH = 8 * 1024;
  private static final Map<String, Scanned> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Scanned> eldest) {
      return size() > CACHE_ENTRIES;
    }
  };

  /** Loaded when first used, after {@link SqlParser#check()} has said whether the library is there. */
  private static final class Library {
    static final LibPgQueryText INSTANCE = LibPgQueryText.load();
  }

  private SqlScanner() {}

  /**
   * The tokens of {@code sql}, comments included; from the cache when this text was read before.
   *
   * @throws PgException 42601 when PostgreSQL's scanner cannot read the text (an unterminated
   *     quoted string or comment)
   */
  public static List<Token> scan(String sql) {
    boolean cacheable = sql.length() <= CACHE_MAX_LENGTH;
    Scanned scanned;
    if (cacheable) {
      synchronized (CACHE) {
        scanned = CACHE.get(sql);
      }
      if (scanned == null) {
        scanned = scanOnce(sql);
        synchronized (CACHE) {
          CACHE.put(sql, scanned);
        }
      }
    } else {
      scanned = scanOnce(sql);
    }
    if (scanned.error() != null) {
      throw scanned.error();
    }
    return scanned.tokens();
  }

  private static Scanned scanOnce(String sql) {
    try {
      return new Scanned(List.copyOf(scanUncached(sql)), null);
    } catch (PgException error) {
      return new Scanned(List.of(), error);
    }
  }

  private static List<Token> scanUncached(String sql) {
    SqlParser.check();
    LibPgQueryText.ScanResult result = Library.INSTANCE.pg_query_scan(sql);
    ScanResult scanned;
    try {
      if (result.error != null) {
        LibPgQuery.Error error = new LibPgQuery.Error(result.error);
        throw new PgException(Severity.ERROR, SqlState.SYNTAX_ERROR, error.message, null, null,
            Math.max(error.cursorpos, 0), null);
      }
      scanned = ScanResult.parseFrom(result.data.getByteArray(0, (int) result.len));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("libpg_query returned unreadable tokens", e);
    } finally {
      Library.INSTANCE.pg_query_free_scan_result(result);
    }
    Offsets offsets = new Offsets(sql);
    List<ScanToken> scannedTokens = scanned.getTokensList();
    List<Token> tokens = new ArrayList<>(scannedTokens.size());
    for (int i = 0; i < scannedTokens.size(); i++) {
      ScanToken token = scannedTokens.get(i);
      int start = offsets.index(token.getStart());
      int end = offsets.index(token.getEnd());
      if (token.getTokenValue() == UIDENT || token.getTokenValue() == USCONST) {
        // The library reports a U&"..." or U&'...' token one byte long: it runs to the next
        // token (or the end), less the space between.
        int next = i + 1 < scannedTokens.size()
            ? offsets.index(scannedTokens.get(i + 1).getStart()) : sql.length();
        end = Math.max(end, start + sql.substring(start, next).stripTrailing().length());
      }
      tokens.add(new Token(start, end, token.getTokenValue(),
          token.getKeywordKind() != KeywordKind.NO_KEYWORD));
    }
    return tokens;
  }

  /**
   * {@code sql} as pg_stat_statements shows it: each constant replaced by a {@code $n}
   * placeholder, numbered after the highest parameter the text already has; null when
   * PostgreSQL's grammar rejects the text.
   */
  public static String normalize(String sql) {
    SqlParser.check();
    LibPgQueryText.NormalizeResult result = Library.INSTANCE.pg_query_normalize(sql);
    try {
      return result.error != null ? null
          : result.normalizedQuery.getString(0, StandardCharsets.UTF_8.name());
    } finally {
      Library.INSTANCE.pg_query_free_normalize_result(result);
    }
  }

  /** Character indexes of UTF-8 byte offsets into one text. */
  public static final class Offsets {
    private final String sql;
    /** Null when the text is ASCII: then bytes and characters coincide. */
    private final int[] charAtByte;

    public Offsets(String sql) {
      this.sql = sql;
      byte[] bytes = null;
      for (int i = 0; i < sql.length(); i++) {
        if (sql.charAt(i) >= 0x80) {
          bytes = sql.getBytes(StandardCharsets.UTF_8);
          break;
        }
      }
      if (bytes == null) {
        charAtByte = null;
        return;
      }
      charAtByte = new int[bytes.length + 1];
      int chars = 0;
      int i = 0;
      while (i < bytes.length) {
        int b = bytes[i] & 0xff;
        int length = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
        for (int k = 0; k < length && i + k < bytes.length; k++) {
          charAtByte[i + k] = chars;
        }
        i += length;
        // A four-byte sequence is a surrogate pair in Java's string.
        chars += length == 4 ? 2 : 1;
      }
      charAtByte[bytes.length] = chars;
    }

    /** The index in the string of byte offset {@code offset}, clamped to the text. */
    public int index(int offset) {
      if (charAtByte == null) {
        return Math.max(0, Math.min(offset, sql.length()));
      }
      return charAtByte[Math.max(0, Math.min(offset, charAtByte.length - 1))];
    }
  }
}
