package io.duckgres.engine.copy;

import io.duckgres.engine.result.CellWriter;
import io.duckgres.engine.result.ResultColumn;
import io.duckgres.pgwire.types.FormatOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Encodes result rows in a COPY format, one row per call, for {@code COPY … TO STDOUT}. Text and
 * CSV reuse each column's text writer and add the format's escaping or quoting; binary reuses the
 * binary writers inside the tuple layout.
 */
public final class CopyOutEncoder {
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r',
      '\n', 0};

  private final CopyOptions options;
  private final List<ResultColumn> columns;
  private final CellWriter[] writers;
  private final boolean[] forceQuote;
  private final FormatOptions formatOptions;
  private final byte[] nullBytes;
  private final ByteBuf scratch = Unpooled.buffer(256);

  public CopyOutEncoder(CopyOptions options, List<ResultColumn> columns,
      FormatOptions formatOptions) {
    this.options = options;
    this.columns = columns;
    this.formatOptions = formatOptions;
    this.writers = new CellWriter[columns.size()];
    this.forceQuote = new boolean[columns.size()];
    for (int i = 0; i < writers.length; i++) {
      writers[i] = columns.get(i).writer();
      forceQuote[i] = options.forceQuote(columns.get(i).name());
    }
    this.nullBytes = options.nullString().getBytes(StandardCharsets.UTF_8);
  }

  public boolean binary() {
    return options.format() == CopyOptions.Format.BINARY;
  }

  public int columnCount() {
    return writers.length;
  }

  /** What precedes the rows: the binary signature, or the CSV header line. */
  public void writeHeader(ByteBuf out) {
    if (binary()) {
      out.writeBytes(SIGNATURE).writeInt(0).writeInt(0);
    } else if (options.format() == CopyOptions.Format.CSV && options.header()) {
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) {
          out.writeByte(options.delimiter());
        }
        byte[] name = columns.get(i).name().getBytes(StandardCharsets.UTF_8);
        writeCsv(out, name, name.length, false);
      }
      out.writeByte('\n');
    }
  }

  /** What follows the rows: the binary trailer. */
  public void writeTrailer(ByteBuf out) {
    if (binary()) {
      out.writeShort(-1);
    }
  }

  public void writeRow(ResultSet row, ByteBuf out) throws SQLException {
    if (binary()) {
      out.writeShort(writers.length);
      for (int i = 0; i < writers.length; i++) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        boolean present = writers[i].write(row, i + 1, out, true, formatOptions);
        out.setInt(lengthIndex, present ? out.writerIndex() - lengthIndex - 4 : -1);
      }
      return;
    }
    boolean csv = options.format() == CopyOptions.Format.CSV;
    for (int i = 0; i < writers.length; i++) {
      if (i > 0) {
        out.writeByte(options.delimiter());
      }
      scratch.clear();
      if (!writers[i].write(row, i + 1, scratch, false, formatOptions)) {
        out.writeBytes(nullBytes);
        continue;
      }
      byte[] bytes = scratch.array();
      int length = scratch.readableBytes();
      if (csv) {
        writeCsv(out, bytes, length, forceQuote[i]);
      } else {
        writeTextEscaped(out, bytes, length);
      }
    }
    out.writeByte('\n');
  }

  private void writeTextEscaped(ByteBuf out, byte[] bytes, int length) {
    byte delimiter = options.delimiter();
    for (int i = 0; i < length; i++) {
      byte b = bytes[i];
      switch (b) {
        case '\\':
          out.writeByte('\\').writeByte('\\');
          break;
        case '\n':
          out.writeByte('\\').writeByte('n');
          break;
        case '\r':
          out.writeByte('\\').writeByte('r');
          break;
        case '\t':
          out.writeByte('\\').writeByte('t');
          break;
        case '\b':
          out.writeByte('\\').writeByte('b');
          break;
        case '\f':
          out.writeByte('\\').writeByte('f');
          break;
        case 11:
          out.writeByte('\\').writeByte('v');
          break;
        default:
          if (b == delimiter) {
            out.writeByte('\\');
          }
          out.writeByte(b);
      }
    }
  }

  private void writeCsv(ByteBuf out, byte[] bytes, int length, boolean force) {
    byte delimiter = options.delimiter();
    byte quote = options.quote();
    byte escape = options.escape();
    boolean needsQuotes = force || length == 0 || equalsNull(bytes, length)
        || (length >= 2 && bytes[0] == '\\' && bytes[1] == '.');
    for (int i = 0; i < length && !needsQuotes; i++) {
      byte b = bytes[i];
      needsQuotes = b == delimiter || b == quote || b == '\n' || b == '\r' || b == escape;
    }
    if (!needsQuotes) {
      out.writeBytes(bytes, 0, length);
      return;
    }
    out.writeByte(quote);
    for (int i = 0; i < length; i++) {
      byte b = bytes[i];
      if (b == quote || b == escape) {
        out.writeByte(escape);
      }
      out.writeByte(b);
    }
    out.writeByte(quote);
  }

  private boolean equalsNull(byte[] bytes, int length) {
    if (length != nullBytes.length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (bytes[i] != nullBytes[i]) {
        return false;
      }
    }
    return true;
  }
}
