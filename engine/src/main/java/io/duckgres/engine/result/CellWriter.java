package io.duckgres.engine.result;

import io.duckgres.pgwire.types.FormatOptions;
import io.netty.buffer.ByteBuf;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Writes one column of the current row straight from DuckDB's result into the wire buffer. */
@FunctionalInterface
public interface CellWriter {
  /**
   * Writes the value of column {@code index} (1-based) of the current row in text or binary form,
   * without a length prefix. Returns false, writing nothing, when the value is NULL.
   */
  boolean write(ResultSet row, int index, ByteBuf out, boolean binary, FormatOptions options)
      throws SQLException;
}
