package io.duckgres.engine.result;

import io.netty.buffer.ByteBufUtil;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps DuckDB result columns to PostgreSQL types and wire writers. Provisional: text format only,
 * until the type system in pgwire.types is wired in.
 */
public final class ColumnMapper {
  private ColumnMapper() {}

  public static List<ResultColumn> describe(ResultSetMetaData metaData) throws SQLException {
    int count = metaData.getColumnCount();
    List<ResultColumn> columns = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      String typeName = metaData.getColumnTypeName(i);
      columns.add(column(metaData.getColumnLabel(i), typeName));
    }
    return columns;
  }

  /**
   * Parameter OIDs for ParameterDescription: what the client declared, else what DuckDB inferred,
   * else text (DuckDB casts a text value to whatever the statement needs).
   */
  public static int[] parameterTypes(java.sql.ParameterMetaData metaData, int[] declared)
      throws SQLException {
    int count = metaData.getParameterCount();
    int[] types = new int[count];
    for (int i = 0; i < count; i++) {
      int given = i < declared.length ? declared[i] : 0;
      types[i] = given != 0 ? given : oid(metaData.getParameterTypeName(i + 1));
    }
    return types;
  }

  /** False when DuckDB cannot type some result column before the parameters are bound. */
  public static boolean allResolved(ResultSetMetaData metaData) throws SQLException {
    for (int i = 1; i <= metaData.getColumnCount(); i++) {
      if ("UNKNOWN".equals(metaData.getColumnTypeName(i))) {
        return false;
      }
    }
    return true;
  }

  private static int oid(String duckType) {
    switch (duckType) {
      case "BOOLEAN":
        return 16;
      case "INTEGER":
        return 23;
      case "BIGINT":
        return 20;
      case "SMALLINT":
        return 21;
      case "DOUBLE":
        return 701;
      default:
        return 25;
    }
  }

  private static ResultColumn column(String name, String duckType) {
    switch (duckType) {
      case "BOOLEAN":
        return new ResultColumn(name, 16, (short) 1, -1, (row, index, out, binary) -> {
          boolean value = row.getBoolean(index);
          if (row.wasNull()) {
            return false;
          }
          out.writeByte(value ? 't' : 'f');
          return true;
        });
      case "INTEGER":
        return new ResultColumn(name, 23, (short) 4, -1, ColumnMapper::writeString);
      case "BIGINT":
        return new ResultColumn(name, 20, (short) 8, -1, ColumnMapper::writeString);
      case "SMALLINT":
        return new ResultColumn(name, 21, (short) 2, -1, ColumnMapper::writeString);
      case "DOUBLE":
        return new ResultColumn(name, 701, (short) 8, -1, ColumnMapper::writeString);
      default:
        return new ResultColumn(name, 25, (short) -1, -1, ColumnMapper::writeString);
    }
  }

  private static boolean writeString(java.sql.ResultSet row, int index, io.netty.buffer.ByteBuf out,
      boolean binary) throws SQLException {
    String value = row.getString(index);
    if (value == null) {
      return false;
    }
    ByteBufUtil.writeUtf8(out, value);
    return true;
  }
}
