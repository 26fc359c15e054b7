package io.duckgres.server.session;

import io.duckgres.engine.PreparedQuery;
import io.duckgres.engine.copy.DuckDbLiterals;
import io.duckgres.pgwire.FrontendMessageDecoder;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.duckgres.pgwire.types.FormatOptions;
import io.duckgres.pgwire.types.PgArrayType;
import io.duckgres.pgwire.types.PgInterval;
import io.duckgres.pgwire.types.PgType;
import io.duckgres.pgwire.types.PgTypes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Turns Bind parameter bytes into values DuckDB can bind. Binary values are decoded by the
 * parameter's type OID. Text values mostly stay strings, which DuckDB casts with its own parser;
 * the types whose PostgreSQL text form DuckDB reads differently (bytea's hex form, arrays' braces,
 * intervals, infinities) are parsed here first.
 */
final class ParameterDecoder {
  Object[] decode(PreparedQuery query, short[] formats, List<byte[]> values,
      FormatOptions options) {
    int[] types = query.parameterTypes();
    if (formats.length > 1 && formats.length != values.size()) {
      throw new PgException(SqlState.PROTOCOL_VIOLATION, "bind message has " + formats.length
          + " parameter formats but " + values.size() + " parameters");
    }
    if (query.statement() != null && values.size() != types.length) {
      throw new PgException(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + values.size()
          + " parameters, but prepared statement requires " + types.length);
    }
    Object[] decoded = new Object[values.size()];
    for (int i = 0; i < decoded.length; i++) {
      byte[] value = values.get(i);
      if (value == null) {
        continue;
      }
      boolean binary = (formats.length == 0 ? 0 : formats.length == 1 ? formats[0] : formats[i]) == 1;
      int oid = i < types.length ? types[i] : PgTypes.UNSPECIFIED_OID;
      decoded[i] = decodeOne(oid, value, binary, options);
    }
    return decoded;
  }

  private static Object decodeOne(int oid, byte[] value, boolean binary, FormatOptions options) {
    PgType<?> type = oid == PgTypes.UNSPECIFIED_OID ? null : PgTypes.byOid(oid);
    if (!binary) {
      // Text parameters are checked as PostgreSQL checks them: invalid UTF-8 is 22021.
      String text = FrontendMessageDecoder.decodeUtf8(value);
      if (type == null) {
        return text;
      }
      Object integer = integerOrNull(type.oid(), text);
      if (integer != null) {
        return integer;
      }
      if (!needsParsing(type)) {
        return text;
      }
    }
    if (type == null) {
      throw new PgException(SqlState.PROTOCOL_VIOLATION,
          "binary parameter of unspecified type: declare its type in Parse");
    }
    ByteBuf in = Unpooled.wrappedBuffer(value);
    return forDuckDb(type, type.readParameter(in, value.length, binary, options), options);
  }

  /**
   * A text parameter of an integer type as the Java integer DuckDB's prepared statement expects:
   * bound as a string, DuckDB binds the statement again for every execution (a VARCHAR where it
   * planned an INTEGER), some 150 µs each time. Only plain decimal text in range is taken; anything
   * else stays a string, so DuckDB's cast reports the same error as before.
   */
  private static Object integerOrNull(int oid, String text) {
    if (oid != PgTypes.INT2_OID && oid != PgTypes.INT4_OID && oid != PgTypes.INT8_OID) {
      return null;
    }
    String digits = text.strip();
    int start = !digits.isEmpty() && (digits.charAt(0) == '-' || digits.charAt(0) == '+') ? 1 : 0;
    if (digits.length() <= start || digits.length() > 20) {
      return null;
    }
    for (int i = start; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    try {
      long number = Long.parseLong(digits);
      if (oid == PgTypes.INT2_OID) {
        return number == (short) number ? Short.valueOf((short) number) : null;
      }
      if (oid == PgTypes.INT4_OID) {
        return number == (int) number ? Integer.valueOf((int) number) : null;
      }
      return number;
    } catch (NumberFormatException outOfRange) {
      return null;
    }
  }

  /** Types whose PostgreSQL text input DuckDB would misread. */
  private static boolean needsParsing(PgType<?> type) {
    int oid = type.oid();
    // numeric: as a string DuckDB would bind it as VARCHAR ('select $1 + 1' finds no operator).
    return oid == PgTypes.BYTEA_OID || oid == PgTypes.INTERVAL_OID || oid == PgTypes.NUMERIC_OID
        || type instanceof PgArrayType;
  }

  /**
   * Values DuckDB's setObject cannot take (arrays, intervals, time with zone, infinities) go as
   * text in a form DuckDB casts back.
   */
  private static Object forDuckDb(PgType<?> type, Object value, FormatOptions options) {
    if (value instanceof List) {
      return DuckDbLiterals.list((List<?>) value);
    }
    if (value instanceof PgInterval) {
      PgInterval interval = (PgInterval) value;
      return interval.months() + " months " + interval.days() + " days "
          + interval.microseconds() + " microseconds";
    }
    if (value == LocalDate.MAX || value == LocalDateTime.MAX || value == OffsetDateTime.MAX) {
      return "infinity";
    }
    if (value == LocalDate.MIN || value == LocalDateTime.MIN || value == OffsetDateTime.MIN) {
      return "-infinity";
    }
    if (value instanceof java.time.OffsetTime) {
      return textOf(type, value, options);
    }
    return value;
  }

  private static String textOf(PgType<?> type, Object value, FormatOptions options) {
    ByteBuf out = ByteBufAllocator.DEFAULT.heapBuffer();
    try {
      type.writeTextObject(value, out, options);
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      out.release();
    }
  }
}
