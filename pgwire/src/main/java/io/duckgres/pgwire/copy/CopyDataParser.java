package io.duckgres.pgwire.copy;

import io.duckgres.pgwire.types.PgType;

/**
 * Cuts the client's COPY data into rows. Data arrives in CopyData chunks that may split a row,
 * a field or an escape sequence anywhere, so every parser is a state machine fed chunk by chunk.
 */
public interface CopyDataParser {
  /** Feeds one chunk. Throws PgException (22P04 and friends) naming the line on bad data. */
  void feed(byte[] chunk);

  /** The client sent CopyDone: completes the last row (a final line without newline). */
  void finish();

  /** Rows delivered so far. */
  long rows();

  static CopyDataParser create(
      CopyFormat options, RowSink sink, PgType<?>[] types, String[] names, String context) {
    switch (options.kind()) {
      case CSV:
        return new CsvParser(options, sink, names, context);
      case BINARY:
        return new BinaryParser(sink, types, context);
      default:
        return new TextParser(options, sink, names, context);
    }
  }
}
