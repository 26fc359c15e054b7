package io.duckgres.server.session;

import io.duckgres.engine.PreparedQuery;
import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns Bind parameter bytes into the Java values DuckDB binds. Text values stay strings: DuckDB
 * casts them to the parameter's type with its own parser. Binary values are decoded by the
 * parameter's type OID.
 */
final class ParameterDecoder {
  Object[] decode(PreparedQuery query, short[] formats, List<byte[]> values) {
    int[] types = query.parameterTypes();
    if (formats.length > 1 && formats.length != values.size()) {
      throw new PgException(SqlState.PROTOCOL_VIOLATION, "bind message has " + formats.length
          + " parameter formats but " + values.size() + " parameters");
    }
    if (query.statement() != null && values.size() != types.length) {
      throw new PgException(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + values.size()
          + " parameters, but prepared statement \"\" requires " + types.length);
    }
    Object[] decoded = new Object[values.size()];
    for (int i = 0; i < decoded.length; i++) {
      byte[] value = values.get(i);
      if (value == null) {
        continue;
      }
      short format = formats.length == 0 ? 0 : formats.length == 1 ? formats[0] : formats[i];
      decoded[i] = format == 0
          ? new String(value, StandardCharsets.UTF_8)
          : decodeBinary(i < types.length ? types[i] : 0, value);
    }
    return decoded;
  }

  private static Object decodeBinary(int oid, byte[] value) {
    ByteBuffer buffer = ByteBuffer.wrap(value);
    try {
      switch (oid) {
        case 16:
          return value[0] != 0;
        case 21:
          return buffer.getShort();
        case 23:
          return buffer.getInt();
        case 20:
          return buffer.getLong();
        case 700:
          return buffer.getFloat();
        case 701:
          return buffer.getDouble();
        default:
          return new String(value, StandardCharsets.UTF_8);
      }
    } catch (RuntimeException e) {
      throw new PgException(SqlState.INVALID_BINARY_REPRESENTATION, "incorrect binary data format");
    }
  }
}
