package io.duckgres.engine.sql.parse;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * The C functions of libpg_query (PostgreSQL's own parser as a library, Debian package
 * {@code libpg-query1504.0}) that the parser uses, bound through JNA. Results are C structs returned
 * by value; each is released with the library's own free function.
 *
 * <p>The layout mirrors {@code pg_query.h} of libpg_query 15-4.0.
 */
interface LibPgQuery extends Library {
  /** The soname Debian's libpg-query1504.0 installs (plain "pg_query" needs the -dev package). */
  String LIBRARY = "libpg_query.so.1504.0";

  static LibPgQuery load() {
    return Native.load(LIBRARY, LibPgQuery.class);
  }

  ProtobufParseResult pg_query_parse_protobuf(String input);

  void pg_query_free_protobuf_parse_result(ProtobufParseResult result);

  DeparseResult pg_query_deparse_protobuf(Protobuf.ByValue parseTree);

  void pg_query_free_deparse_result(DeparseResult result);

  /** {@code PgQueryProtobuf}: a serialized {@code pg_query.ParseResult}. */
  @Structure.FieldOrder({"len", "data"})
  class Protobuf extends Structure {
    public long len;
    public Pointer data;

    public static final class ByValue extends Protobuf implements Structure.ByValue {}
  }

  /** {@code PgQueryError}. {@code cursorpos} is 1-based, in characters; 0 when unknown. */
  @Structure.FieldOrder({"message", "funcname", "filename", "lineno", "cursorpos", "context"})
  class Error extends Structure {
    public String message;
    public String funcname;
    public String filename;
    public int lineno;
    public int cursorpos;
    public String context;

    public Error(Pointer pointer) {
      super(pointer);
      read();
    }
  }

  /** {@code PgQueryProtobufParseResult}. */
  @Structure.FieldOrder({"parseTree", "stderrBuffer", "error"})
  class ProtobufParseResult extends Structure implements Structure.ByValue {
    public Protobuf parseTree;
    public Pointer stderrBuffer;
    public Pointer error;
  }

  /** {@code PgQueryDeparseResult}. */
  @Structure.FieldOrder({"query", "error"})
  class DeparseResult extends Structure implements Structure.ByValue {
    public Pointer query;
    public Pointer error;
  }
}
