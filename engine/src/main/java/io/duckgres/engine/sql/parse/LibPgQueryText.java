package io.duckgres.engine.sql.parse;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * libpg_query's functions that read a text without building a tree: PostgreSQL's scanner (the
 * tokens of a text, also of one the grammar rejects) and pg_stat_statements' normaliser. Bound
 * through JNA like {@link LibPgQuery}, from the same library; each result is released with the
 * library's own free function. The layout mirrors {@code pg_query.h} of libpg_query 15-4.0.
 */
interface LibPgQueryText extends Library {
  static LibPgQueryText load() {
    return Native.load(LibPgQuery.LIBRARY, LibPgQueryText.class);
  }

  ScanResult pg_query_scan(String input);

  void pg_query_free_scan_result(ScanResult result);

  NormalizeResult pg_query_normalize(String input);

  void pg_query_free_normalize_result(NormalizeResult result);

  /** {@code PgQueryScanResult}: a serialized {@code pg_query.ScanResult}. */
  @Structure.FieldOrder({"len", "data", "stderrBuffer", "error"})
  class ScanResult extends Structure implements Structure.ByValue {
    public long len;
    public Pointer data;
    public Pointer stderrBuffer;
    public Pointer error;
  }

  /** {@code PgQueryNormalizeResult}. */
  @Structure.FieldOrder({"normalizedQuery", "error"})
  class NormalizeResult extends Structure implements Structure.ByValue {
    public Pointer normalizedQuery;
    public Pointer error;
  }
}
