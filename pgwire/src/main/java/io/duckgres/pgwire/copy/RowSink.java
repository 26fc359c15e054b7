package io.duckgres.pgwire.copy;

/** Receives the rows a COPY FROM parser cuts out of the client's data stream. */
public interface RowSink {
  /** One text field of the current row; {@code bytes[0..length)} is only valid during the call. */
  void field(byte[] bytes, int length, boolean isNull);

  /**
   * A binary-format character-string field whose bytes are known to be its text (ASCII without
   * NUL): {@code bytes[offset..offset + length)}, only valid during the call.
   */
  void text(byte[] bytes, int offset, int length);

  /** One already decoded field (binary format). */
  void value(Object value);

  /** An int2, int4 or int8 field in binary format: the common case, without boxing. */
  void integer(long value);

  /** A finite float8 field in binary format, without boxing. */
  void float8(double value);

  /** The current row is complete; {@code line} is its last line in the client's data. */
  void endRow(long line);
}
