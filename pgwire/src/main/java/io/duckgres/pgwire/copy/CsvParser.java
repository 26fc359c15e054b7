package io.duckgres.pgwire.copy;

/**
 * COPY's CSV format (PostgreSQL docs, "COPY", File Formats → CSV Format): fields split by the
 * delimiter, optionally quoted; inside quotes the escape character (the quote itself by default)
 * escapes the quote; quoted fields may span lines. An unquoted field equal to the null string
 * (default: empty) is NULL; a quoted one never is, unless FORCE_NULL names its column.
 */
final class CsvParser implements CopyDataParser {
  private enum State {
    FIELD_START,
    UNQUOTED,
    QUOTED,
    QUOTED_ESCAPE,
    AFTER_QUOTE
  }

  private final RowSink sink;
  private final String[] columns;
  private final String context;
  private final byte delimiter;
  private final byte quote;
  private final byte escape;
  private final String nullString;
  private final boolean[] forceNotNull;
  private final boolean[] forceNull;
  private boolean skipHeader;
  private final ByteArray value = new ByteArray();
  private State state = State.FIELD_START;
  private boolean quoted;
  private boolean afterCarriageReturn;
  private boolean ended;
  private int field;
  private long line = 1;
  private long rows;

  CsvParser(CopyFormat options, RowSink sink, String[] columns, String context) {
    this.sink = sink;
    this.columns = columns;
    this.context = context;
    this.delimiter = options.delimiter();
    this.quote = options.quote();
    this.escape = options.escape();
    this.nullString = options.nullString();
    this.skipHeader = options.header();
    this.forceNotNull = new boolean[columns.length];
    this.forceNull = new boolean[columns.length];
    for (int i = 0; i < columns.length; i++) {
      forceNotNull[i] = options.forceNotNull().contains(columns[i]);
      forceNull[i] = options.forceNull().contains(columns[i]);
    }
  }

  @Override
  public void feed(byte[] chunk) {
    for (byte b : chunk) {
      if (ended) {
        return;
      }
      if (afterCarriageReturn) {
        afterCarriageReturn = false;
        if (b == '\n' && state != State.QUOTED) {
          continue;
        }
      }
      switch (state) {
        case QUOTED:
          if (b == escape && escape != quote) {
            state = State.QUOTED_ESCAPE;
          } else if (b == quote) {
            state = State.AFTER_QUOTE;
          } else {
            if (b == '\n') {
              line++;
            }
            value.add(b);
          }
          break;
        case QUOTED_ESCAPE:
          if (b != quote && b != escape) {
            value.add(escape);
          }
          value.add(b);
          state = State.QUOTED;
          break;
        case AFTER_QUOTE:
          if (b == quote && escape == quote) {
            value.add(b);
            state = State.QUOTED;
          } else {
            separatorOrText(b);
          }
          break;
        case FIELD_START:
          if (b == quote) {
            quoted = true;
            state = State.QUOTED;
          } else {
            separatorOrText(b);
          }
          break;
        default:
          separatorOrText(b);
      }
    }
  }

  private void separatorOrText(byte b) {
    if (b == delimiter) {
      endField();
    } else if (b == '\n' || b == '\r') {
      afterCarriageReturn = b == '\r';
      endLine();
    } else {
      value.add(b);
      state = State.UNQUOTED;
    }
  }

  @Override
  public void finish() {
    if (ended) {
      return;
    }
    if (state == State.QUOTED || state == State.QUOTED_ESCAPE) {
      throw CopyErrors.badFormat(context, line, "unterminated CSV quoted field");
    }
    if (value.length > 0 || field > 0 || quoted) {
      endLine();
    }
  }

  @Override
  public long rows() {
    return rows;
  }

  private void endField() {
    if (skipHeader) {
      resetField();
      return;
    }
    if (field >= columns.length) {
      throw CopyErrors.extraData(context, line);
    }
    boolean matchesNull = value.equalsAscii(nullString);
    boolean isNull = quoted ? matchesNull && forceNull[field] : matchesNull && !forceNotNull[field];
    sink.field(value.bytes, value.length, isNull);
    resetField();
    field++;
  }

  private void resetField() {
    value.clear();
    quoted = false;
    state = State.FIELD_START;
  }

  private void endLine() {
    if (field == 0 && !quoted && value.length == 2 && value.bytes[0] == '\\'
        && value.bytes[1] == '.') {
      ended = true;
      return;
    }
    if (skipHeader) {
      skipHeader = false;
      resetField();
      field = 0;
      line++;
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
}
