package io.duckgres.pgwire.copy;

/**
 * COPY's text format (PostgreSQL docs, "COPY", File Formats → Text Format): one row per line,
 * fields split by the delimiter, the null string (default {@code \N}) for NULL, and backslash
 * escapes ({@code \b \f \n \r \t \v \\}, octal {@code \ooo}, hex {@code \xhh}; any other escaped
 * character stands for itself). A line holding only {@code \.} ends the data.
 */
final class TextParser implements CopyDataParser {
  private final RowSink sink;
  private final String[] columns;
  private final String context;
  private final byte delimiter;
  private final String nullString;
  private final ByteArray raw = new ByteArray();
  private final ByteArray decoded = new ByteArray();
  private boolean escaped;
  private boolean afterCarriageReturn;
  private boolean ended;
  private int field;
  private long line = 1;
  private long rows;

  TextParser(CopyFormat options, RowSink sink, String[] columns, String context) {
    this.sink = sink;
    this.columns = columns;
    this.context = context;
    this.delimiter = options.delimiter();
    this.nullString = options.nullString();
  }

  @Override
  public void feed(byte[] chunk) {
    for (byte b : chunk) {
      if (ended) {
        return;
      }
      if (afterCarriageReturn) {
        afterCarriageReturn = false;
        if (b == '\n') {
          continue;
        }
      }
      if (escaped) {
        raw.add(b);
        escaped = false;
      } else if (b == '\\') {
        raw.add(b);
        escaped = true;
      } else if (b == delimiter) {
        endField();
      } else if (b == '\n' || b == '\r') {
        afterCarriageReturn = b == '\r';
        endLine();
      } else {
        raw.add(b);
      }
    }
  }

  @Override
  public void finish() {
    if (!ended && (raw.length > 0 || field > 0)) {
      endLine();
    }
  }

  @Override
  public long rows() {
    return rows;
  }

  private void endField() {
    if (field >= columns.length) {
      throw CopyErrors.extraData(context, line);
    }
    if (raw.equalsAscii(nullString)) {
      sink.field(raw.bytes, 0, true);
    } else {
      unescape();
      sink.field(decoded.bytes, decoded.length, false);
    }
    raw.clear();
    field++;
  }

  private void endLine() {
    if (field == 0 && raw.length == 2 && raw.bytes[0] == '\\' && raw.bytes[1] == '.') {
      ended = true;
      return;
    }
    endField();
    if (field < columns.length) {
      throw CopyErrors.missingData(context, line, columns[field]);
    }
    sink.endRow(line);
    rows++;
    line++;
    field = 0;
  }

  private void unescape() {
    decoded.clear();
    byte[] in = raw.bytes;
    int n = raw.length;
    for (int i = 0; i < n; i++) {
      byte b = in[i];
      if (b != '\\' || i + 1 >= n) {
        decoded.add(b);
        continue;
      }
      byte next = in[++i];
      switch (next) {
        case 'b':
          decoded.add((byte) '\b');
          break;
        case 'f':
          decoded.add((byte) '\f');
          break;
        case 'n':
          decoded.add((byte) '\n');
          break;
        case 'r':
          decoded.add((byte) '\r');
          break;
        case 't':
          decoded.add((byte) '\t');
          break;
        case 'v':
          decoded.add((byte) 11);
          break;
        case 'x': {
          int value = 0;
          int digits = 0;
          while (digits < 2 && i + 1 < n && Character.digit(in[i + 1], 16) >= 0) {
            value = value * 16 + Character.digit(in[++i], 16);
            digits++;
          }
          decoded.add(digits == 0 ? (byte) 'x' : (byte) value);
          break;
        }
        default:
          if (next >= '0' && next <= '7') {
            int value = next - '0';
            int digits = 1;
            while (digits < 3 && i + 1 < n && in[i + 1] >= '0' && in[i + 1] <= '7') {
              value = value * 8 + (in[++i] - '0');
              digits++;
            }
            decoded.add((byte) value);
          } else {
            decoded.add(next);
          }
      }
    }
  }
}
