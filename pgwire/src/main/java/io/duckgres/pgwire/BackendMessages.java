package io.duckgres.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.List;

/**
 * Writes backend messages into a buffer. Each method carries the message layout from the
 * PostgreSQL documentation, "Message Formats"; none knows about channels or sessions. Lengths are
 * back-patched after the body is written, so bodies are never built twice.
 */
public final class BackendMessages {
  private BackendMessages() {}

  /** Starts a message: writes the type byte and a length placeholder; returns the length index. */
  public static int begin(ByteBuf out, char type) {
    out.writeByte(type);
    int lengthIndex = out.writerIndex();
    out.writeInt(0);
    return lengthIndex;
  }

  /** Back-patches the length written by {@link #begin}. The length counts itself, not the type. */
  public static void end(ByteBuf out, int lengthIndex) {
    out.setInt(lengthIndex, out.writerIndex() - lengthIndex);
  }

  public static void writeCString(ByteBuf out, String value) {
    ByteBufUtil.writeUtf8(out, value);
    out.writeByte(0);
  }

  /** {@code 'R' | int32 8 | int32 0}. */
  public static void authenticationOk(ByteBuf out) {
    out.writeByte('R').writeInt(8).writeInt(0);
  }

  /** {@code 'R' | int32 8 | int32 3}. */
  public static void authenticationCleartextPassword(ByteBuf out) {
    out.writeByte('R').writeInt(8).writeInt(3);
  }

  /** {@code 'R' | int32 len | int32 10 | (cstring mechanism)* | 0}. */
  public static void authenticationSasl(ByteBuf out, List<String> mechanisms) {
    int at = begin(out, 'R');
    out.writeInt(10);
    for (String mechanism : mechanisms) {
      writeCString(out, mechanism);
    }
    out.writeByte(0);
    end(out, at);
  }

  /** {@code 'R' | int32 len | int32 11 | bytes}. */
  public static void authenticationSaslContinue(ByteBuf out, byte[] data) {
    int at = begin(out, 'R');
    out.writeInt(11).writeBytes(data);
    end(out, at);
  }

  /** {@code 'R' | int32 len | int32 12 | bytes}. */
  public static void authenticationSaslFinal(ByteBuf out, byte[] data) {
    int at = begin(out, 'R');
    out.writeInt(12).writeBytes(data);
    end(out, at);
  }

  /** {@code 'S' | int32 len | cstring name | cstring value}. */
  public static void parameterStatus(ByteBuf out, String name, String value) {
    int at = begin(out, 'S');
    writeCString(out, name);
    writeCString(out, value);
    end(out, at);
  }

  /** {@code 'K' | int32 12 | int32 pid | int32 secret}. */
  public static void backendKeyData(ByteBuf out, int processId, int secretKey) {
    out.writeByte('K').writeInt(12).writeInt(processId).writeInt(secretKey);
  }

  /** {@code 'v' | int32 len | int32 newest minor | int32 n | (cstring option)*}. */
  public static void negotiateProtocolVersion(
      ByteBuf out, int newestMinor, List<String> unrecognizedOptions) {
    int at = begin(out, 'v');
    out.writeInt(newestMinor).writeInt(unrecognizedOptions.size());
    for (String option : unrecognizedOptions) {
      writeCString(out, option);
    }
    end(out, at);
  }

  /** {@code 'Z' | int32 5 | byte status} with status 'I' idle, 'T' in transaction, 'E' failed. */
  public static void readyForQuery(ByteBuf out, char status) {
    out.writeByte('Z').writeInt(5).writeByte(status);
  }

  /** {@code 'C' | int32 len | cstring tag}. */
  public static void commandComplete(ByteBuf out, String tag) {
    int at = begin(out, 'C');
    writeCString(out, tag);
    end(out, at);
  }

  /** {@code 'I' | int32 4}. */
  public static void emptyQueryResponse(ByteBuf out) {
    out.writeByte('I').writeInt(4);
  }

  /** {@code '1' | int32 4}. */
  public static void parseComplete(ByteBuf out) {
    out.writeByte('1').writeInt(4);
  }

  /** {@code '2' | int32 4}. */
  public static void bindComplete(ByteBuf out) {
    out.writeByte('2').writeInt(4);
  }

  /** {@code '3' | int32 4}. */
  public static void closeComplete(ByteBuf out) {
    out.writeByte('3').writeInt(4);
  }

  /** {@code 'n' | int32 4}. */
  public static void noData(ByteBuf out) {
    out.writeByte('n').writeInt(4);
  }

  /** {@code 's' | int32 4}. */
  public static void portalSuspended(ByteBuf out) {
    out.writeByte('s').writeInt(4);
  }

  /** {@code 't' | int32 len | int16 n | int32 oid * n}. */
  public static void parameterDescription(ByteBuf out, int[] typeOids) {
    int at = begin(out, 't');
    out.writeShort(typeOids.length);
    for (int oid : typeOids) {
      out.writeInt(oid);
    }
    end(out, at);
  }

  /**
   * {@code 'T' | int32 len | int16 n | (cstring name | int32 table oid | int16 attnum | int32 type
   * oid | int16 typlen | int32 typmod | int16 format) * n}.
   */
  public static void rowDescription(ByteBuf out, List<ColumnDescription> columns) {
    int at = begin(out, 'T');
    out.writeShort(columns.size());
    for (ColumnDescription column : columns) {
      writeCString(out, column.name());
      out.writeInt(column.tableOid());
      out.writeShort(column.attributeNumber());
      out.writeInt(column.typeOid());
      out.writeShort(column.typeLength());
      out.writeInt(column.typeModifier());
      out.writeShort(column.format());
    }
    end(out, at);
  }

  /** {@code 'G'|'H' | int32 len | int8 overall format | int16 n | int16 format * n}. */
  public static void copyResponse(ByteBuf out, char type, boolean binary, int columns) {
    int at = begin(out, type);
    out.writeByte(binary ? 1 : 0);
    out.writeShort(columns);
    for (int i = 0; i < columns; i++) {
      out.writeShort(binary ? 1 : 0);
    }
    end(out, at);
  }

  /** {@code 'd' | int32 len | bytes}: the caller writes the data between begin and end. */
  public static void copyDone(ByteBuf out) {
    out.writeByte('c').writeInt(4);
  }

  /**
   * {@code 'E'|'N' | int32 len | (byte field | cstring value)* | 0}, with fields S (localized
   * severity), V (severity), C (code), M (message), D (detail), H (hint), P (position), W (where).
   */
  public static void errorResponse(ByteBuf out, PgException error) {
    writeNotice(out, 'E', error.severity().name(), error.sqlState(), error.getMessage(),
        error.detail(), error.hint(), error.position(), error.where());
  }

  /** NoticeResponse with severity NOTICE or WARNING; same layout as ErrorResponse. */
  public static void noticeResponse(ByteBuf out, String severity, SqlState state, String message) {
    writeNotice(out, 'N', severity, state, message, null, null, 0, null);
  }

  private static void writeNotice(ByteBuf out, char type, String severity, SqlState state,
      String message, String detail, String hint, int position, String where) {
    int at = begin(out, type);
    field(out, 'S', severity);
    field(out, 'V', severity);
    field(out, 'C', state.code());
    field(out, 'M', message == null ? "" : message);
    if (detail != null) {
      field(out, 'D', detail);
    }
    if (hint != null) {
      field(out, 'H', hint);
    }
    if (position > 0) {
      field(out, 'P', Integer.toString(position));
    }
    if (where != null) {
      field(out, 'W', where);
    }
    out.writeByte(0);
    end(out, at);
  }

  private static void field(ByteBuf out, char code, String value) {
    out.writeByte(code);
    writeCString(out, value);
  }
}
