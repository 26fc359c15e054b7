package io.duckgres.engine.copy;

import io.duckgres.pgwire.copy.RowSink;
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
 * Writes COPY rows as normalised CSV files that DuckDB's own (parallel) CSV reader then loads:
 * every value quoted, NULL as an empty unquoted field. Values whose PostgreSQL text form DuckDB
 * reads differently — bytea, arrays, intervals — are rewritten in DuckDB's spelling on the way.
 *
 * <p>The rows are cut into segments of about {@code segmentBytes}: each full segment is handed
 * to a {@link SegmentLoader} at once, so DuckDB loads it while the client is still sending the
 * next one. The last segment is what {@link #close()} leaves in {@link #currentFile()}.
 */
final class DuckDbCsvSink implements RowSink, AutoCloseable {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  /** Takes a finished segment; {@code rowsBefore} rows of this COPY precede its first one. */
  interface SegmentLoader {
    void load(Path file, long rowsBefore);
  }

  private final PgType<?>[] types;
  private final boolean[] rewrite;
  private final Path directory;
  private final String prefix;
  private final long segmentBytes;
  private final SegmentLoader loader;
  private final List<Path> files = new ArrayList<>();
  private CountingOutputStream counted;
  private OutputStream out;
  private long rowsBeforeSegment;
  private static final byte[] LONG_MIN =
      Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

  private final ByteBuf scratch = Unpooled.buffer(256);
  private final byte[] digits = new byte[20];
  /** Pairs (row, line - row) recorded where the offset between rows and lines changes. */
  private final List<long[]> lineOffsets = new ArrayList<>();
  private int column;
  private long row;

  DuckDbCsvSink(Path directory, String prefix, PgType<?>[] types, long segmentBytes,
      SegmentLoader loader) throws IOException {
    this.types = types;
    this.directory = directory;
    this.prefix = prefix;
    this.segmentBytes = segmentBytes;
    this.loader = loader;
    this.rewrite = new boolean[types.length];
    for (int i = 0; i < types.length; i++) {
      rewrite[i] = types[i] instanceof ByteaType || types[i] instanceof PgArrayType
          || types[i] instanceof IntervalType;
    }
    openSegment();
  }

  private void openSegment() throws IOException {
    Path file = directory.resolve(prefix + "-" + files.size() + ".csv");
    files.add(file);
    counted = new CountingOutputStream(Files.newOutputStream(file));
    out = new BufferedOutputStream(counted, 1 << 20);
  }

  /** The segment being written; after {@link #close()}, the last one. */
  Path currentFile() {
    return files.get(files.size() - 1);
  }

  /** Rows of this COPY before the first row of {@link #currentFile()}. */
  long rowsBeforeCurrent() {
    return rowsBeforeSegment;
  }

  /** Every segment file made so far, loaded or not. */
  List<Path> files() {
    return files;
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
  public void text(byte[] bytes, int offset, int length) {
    try {
      separator();
      writeQuoted(bytes, offset, length);
      column++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
    // Only whole rows end a segment; the buffer's bytes are not counted yet, so a segment runs
    // up to one buffer past segmentBytes.
    if (counted.bytes >= segmentBytes) {
      try {
        out.close();
        Path full = currentFile();
        long before = rowsBeforeSegment;
        rowsBeforeSegment = row;
        openSegment();
        loader.load(full, before);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The client's line for the 1-based row number of this COPY's rows, over all segments. */
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
    writeQuoted(bytes, 0, length);
  }

  private void writeQuoted(byte[] bytes, int offset, int length) throws IOException {
    out.write('"');
    int from = offset;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (bytes[i] == '"') {
        out.write(bytes, from, i - from + 1);
        out.write('"');
        from = i + 1;
      }
    }
    out.write(bytes, from, end - from);
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

  /** Counts the bytes that reached the file (the buffer above it writes in large blocks). */
  private static final class CountingOutputStream extends java.io.FilterOutputStream {
    long bytes;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      bytes += len;
    }
  }
}
