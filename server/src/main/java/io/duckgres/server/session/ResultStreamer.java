package io.duckgres.server.session;

import io.duckgres.engine.Notice;
import io.duckgres.engine.QueryResult;
import io.duckgres.engine.result.CellWriter;
import io.duckgres.engine.result.ResultColumn;
import io.duckgres.pgwire.BackendMessages;
import io.duckgres.pgwire.ColumnDescription;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.duckgres.pgwire.types.FormatOptions;
import io.netty.buffer.ByteBuf;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an engine result into RowDescription and DataRow messages. Cells are written straight
 * from DuckDB's cursor into the batch buffer, so no row object is built per row.
 */
public final class ResultStreamer {
  private ResultStreamer() {}

  /** RowDescription for the result's columns, each in the given format (0 text, 1 binary). */
  public static void writeRowDescription(ByteBuf out, List<ResultColumn> columns, short[] formats) {
    checkFormatCount(formats, columns.size());
    List<ColumnDescription> descriptions = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      ResultColumn column = columns.get(i);
      descriptions.add(new ColumnDescription(column.name(), 0, (short) 0, column.typeOid(),
          column.typeLength(), column.typeModifier(), format(formats, i)));
    }
    BackendMessages.rowDescription(out, descriptions);
  }

  /**
   * Streams up to {@code maxRows} rows (0 = all) as DataRow messages. Returns the number sent;
   * {@code exhausted[0]} tells whether the cursor reached its end.
   */
  public static long streamRows(QueryResult result, ClientWriter writer, short[] formats,
      long maxRows, boolean[] exhausted, FormatOptions options) throws SQLException {
    List<ResultColumn> columns = result.columns();
    int count = columns.size();
    checkFormatCount(formats, count);
    CellWriter[] writers = new CellWriter[count];
    boolean[] binary = new boolean[count];
    for (int i = 0; i < count; i++) {
      writers[i] = columns.get(i).writer();
      binary[i] = format(formats, i) == 1;
    }
    ResultSet row = result.row();
    long sent = 0;
    exhausted[0] = false;
    while (maxRows == 0 || sent < maxRows) {
      if (!result.next()) {
        exhausted[0] = true;
        break;
      }
      ByteBuf out = writer.buffer();
      // 'D' | int32 len | int16 n | (int32 len | bytes | -1 for NULL) * n
      int messageStart = BackendMessages.begin(out, 'D');
      out.writeShort(count);
      try {
        for (int i = 0; i < count; i++) {
          int lengthIndex = out.writerIndex();
          out.writeInt(0);
          if (writers[i].write(row, i + 1, out, binary[i], options)) {
            out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
          } else {
            out.setInt(lengthIndex, -1);
          }
        }
      } catch (SQLException | RuntimeException e) {
        // Drop the half-written DataRow so the ErrorResponse follows whole messages only.
        out.writerIndex(messageStart - 1);
        throw e;
      }
      BackendMessages.end(out, messageStart);
      sent++;
      writer.maybeSend();
    }
    return sent;
  }

  /** NoticeResponses the statement raised (sent before its rows or completion). */
  public static void writeNotices(ByteBuf out, QueryResult result) {
    for (Notice notice : result.notices()) {
      BackendMessages.noticeResponse(out, notice.severity(), notice.sqlState(), notice.message());
    }
  }

  /** CommandComplete, then ParameterStatus for each reported parameter the statement changed. */
  public static void writeCompletion(ByteBuf out, QueryResult result, long rows) {
    BackendMessages.commandComplete(out, result.commandTag(rows));
    result.parameterChanges()
        .forEach((name, value) -> BackendMessages.parameterStatus(out, name, value));
  }

  /**
   * Bind checks the count when the statement's columns were known at Parse; this catches the
   * statements whose columns are only known once they run.
   */
  private static void checkFormatCount(short[] formats, int columns) {
    if (formats != null && formats.length > 1 && formats.length != columns) {
      throw new PgException(SqlState.PROTOCOL_VIOLATION, "bind message has " + formats.length
          + " result formats but query has " + columns + " columns");
    }
  }

  /** Format of column {@code index}: none given = text, one = all, else per column. */
  static short format(short[] formats, int index) {
    if (formats == null || formats.length == 0) {
      return 0;
    }
    return formats.length == 1 ? formats[0] : formats[index];
  }
}
