package io.duckgres.engine.copy;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.duckgres.pgwire.types.ByteaType;
import io.duckgres.pgwire.types.FormatOptions;
import io.duckgres.pgwire.types.IntervalType;
import io.duckgres.pgwire.types.PgArrayType;
import io.duckgres.pgwire.types.PgInterval;
import io.duckgres.pgwire.types.PgType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes COPY rows as one normalised CSV file that DuckDB's own (parallel) CSV reader then loads
 * in a single statement: every value quoted, NULL as an empty unquoted field. Values whose
 * PostgreSQL text form DuckDB reads differently — bytea, arrays, intervals — are rewritten in
 * DuckDB's spelling on the way.
 */
final class DuckDbCsvSink implements RowSink, AutoCloseable {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private final PgType<?>[] types;
  private final boolean[] rewrite;
  private final OutputStream out;
  private static final byte[] LONG_MIN =
      Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

  private final ByteBuf scratch = Unpooled.buffer(256);
  private final byte[] digits = new byte[20];
  /** Pairs (row, line - row) recorded where the offset between rows and lines changes. */
  private final List<long[]> lineOffsets = new ArrayList<>();
  private int column;
  private long row;

  DuckDbCsvSink(Path file, PgType<?>[] types) throws IOException {
    this.types = types;
    this.rewrite = new boolean[types.length];
    for (int i = 0; i < types.length; i++) {
      rewrite[i] = types[i] instanceof ByteaType || types[i] instanceof PgArrayType
          || types[i] instanceof IntervalType;
    }
    this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
  }

  @Override
  public void field(byte[] bytes, int length, boolean isNull) {
    try {
      separator();
      if (!isNull) {
        if (rewrite[column]) {
          PgType<?> type = types[column];
          Object value = type.readText(Unpooled.wrappedBuffer(bytes, 0, length), length,
              FormatOptions.DEFAULT);
          writeDuckDbText(value);
        } else {
          writeQuoted(bytes, length);
        }
      }
      column++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (PgException e) {
      throw e.withContext("column " + (column + 1));
    }
  }

  @Override
  public void value(Object value) {
    try {
      separator();
      if (value != null) {
        writeDuckDbText(value);
      }
      column++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void integer(long value) {
    try {
      separator();
      if (value == Long.MIN_VALUE) {
        out.write(LONG_MIN);
      } else {
        if (value < 0) {
          out.write('-');
          value = -value;
        }
        int at = digits.length;
        do {
          digits[--at] = (byte) ('0' + value % 10);
          value /= 10;
        } while (value != 0);
        out.write(digits, at, digits.length - at);
      }
      column++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void float8(double value) {
    try {
      separator();
      // Java's shortest round-trip form ("0.25", "1.0E300"); DuckDB parses it back to the same
      // double, as it does PostgreSQL's spelling.
      out.write(Double.toString(value).getBytes(StandardCharsets.US_ASCII));
      column++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void endRow(long line) {
    try {
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    column = 0;
    row++;
    long offset = line - row;
    if (lineOffsets.isEmpty() || lineOffsets.get(lineOffsets.size() - 1)[1] != offset) {
      lineOffsets.add(new long[] {row, offset});
    }
  }

  /** The client's line for DuckDB's 1-based row number in the normalised file. */
  long lineOf(long duckDbRow) {
    long offset = 0;
    for (long[] pair : lineOffsets) {
      if (pair[0] > duckDbRow) {
        break;
      }
      offset = pair[1];
    }
    return duckDbRow + offset;
  }

  private void separator() throws IOException {
    if (column > 0) {
      out.write(',');
    }
    if (column >= types.length) {
      throw new PgException(SqlState.BAD_COPY_FILE_FORMAT, "extra data after last expected column");
    }
  }

  private void writeQuoted(byte[] bytes, int length) throws IOException {
    out.write('"');
    int from = 0;
    for (int i = 0; i < length; i++) {
      if (bytes[i] == '"') {
        out.write(bytes, from, i - from + 1);
        out.write('"');
        from = i + 1;
      }
    }
    out.write(bytes, from, length - from);
    out.write('"');
  }

  /** A decoded value in the text form DuckDB's CSV reader casts back to the column type. */
  private void writeDuckDbText(Object value) throws IOException {
    if (value instanceof byte[]) {
      byte[] bytes = (byte[]) value;
      out.write('"');
      for (byte b : bytes) {
        out.write('\\');
        out.write('x');
        out.write(HEX[(b >> 4) & 0xF]);
        out.write(HEX[b & 0xF]);
      }
      out.write('"');
    } else if (value instanceof PgInterval) {
      PgInterval interval = (PgInterval) value;
      byte[] text = (interval.months() + " months " + interval.days() + " days "
          + interval.microseconds() + " microseconds").getBytes(StandardCharsets.US_ASCII);
      writeQuoted(text, text.length);
    } else if (value instanceof List) {
      byte[] text = DuckDbLiterals.list((List<?>) value).getBytes(StandardCharsets.UTF_8);
      writeQuoted(text, text.length);
    } else {
      scratch.clear();
      types[column].writeTextObject(value, scratch, FormatOptions.DEFAULT);
      byte[] text = new byte[scratch.readableBytes()];
      scratch.readBytes(text);
      writeQuoted(text, text.length);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
