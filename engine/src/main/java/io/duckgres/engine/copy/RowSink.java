package io.duckgres.engine.copy;

/** Receives the rows a COPY FROM parser cuts out of the client's data stream. */
interface RowSink {
  /** One text field of the current row; {@code bytes[0..length)} is only valid during the call. */
  void field(byte[] bytes, int length, boolean isNull);

  /** One already decoded field (binary format). */
  void value(Object value);

  /** The current row is complete; {@code line} is its last line in the client's data. */
  void endRow(long line);
}
