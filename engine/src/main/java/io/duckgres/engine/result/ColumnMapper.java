package io.duckgres.engine.result;

import io.duckgres.pgwire.PgException;
import io.duckgres.pgwire.SqlState;
import io.duckgres.pgwire.types.BigIntType;
import io.duckgres.pgwire.types.BooleanType;
import io.duckgres.pgwire.types.ByteaType;
import io.duckgres.pgwire.types.DateType;
import io.duckgres.pgwire.types.DoubleType;
import io.duckgres.pgwire.types.IntegerType;
import io.duckgres.pgwire.types.IntervalType;
import io.duckgres.pgwire.types.JsonType;
import io.duckgres.pgwire.types.NumericType;
import io.duckgres.pgwire.types.OidType;
import io.duckgres.pgwire.types.PgType;
import io.duckgres.pgwire.types.PgTypes;
import io.duckgres.pgwire.types.RealType;
import io.duckgres.pgwire.types.SmallIntType;
import io.duckgres.pgwire.types.TextType;
import io.duckgres.pgwire.types.TimeTzType;
import io.duckgres.pgwire.types.TimeType;
import io.duckgres.pgwire.types.TimestampTzType;
import io.duckgres.pgwire.types.TimestampType;
import io.duckgres.pgwire.types.TidType;
import io.duckgres.pgwire.types.UuidType;
import io.duckgres.pgwire.types.VectorType;
import io.duckgres.engine.numeric.BareNumeric;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one mapping from DuckDB column types to PostgreSQL types. DuckDB-only types take the nearest
 * PostgreSQL type: UTINYINT/USMALLINT the next wider signed integer, UINTEGER oid (PostgreSQL's
 * unsigned 32-bit integer), UBIGINT/HUGEINT numeric, and
 * STRUCT/MAP/UNION/nested lists their text form. Each column gets a {@link CellWriter} that reads
 * DuckDB's value and writes it in the client's chosen format.
 */
public final class ColumnMapper {
  private ColumnMapper() {}

  /** Reads column {@code index} of the current row as the Java value its PgType expects. */
  @FunctionalInterface
  interface Reader {
    Object read(ResultSet row, int index) throws SQLException;
  }

  /** How one DuckDB type is presented: PostgreSQL type, type modifier, value reader. */
  record Mapping(PgType<?> type, int typeModifier, Reader reader, Function<Object, Object> element) {}

  public static List<ResultColumn> describe(ResultSetMetaData metaData) throws SQLException {
    return describe(metaData, null);
  }

  /**
   * The columns of a result of {@code sql}: names as PostgreSQL gives them, read from the
   * statement's select list where it can be ({@link SelectListNames}), else from DuckDB's.
   */
  public static List<ResultColumn> describe(ResultSetMetaData metaData, String sql)
      throws SQLException {
    int count = metaData.getColumnCount();
    List<String> names = sql == null ? null : SelectListNames.of(sql);
    if (names != null && names.size() != count) {
      names = null;
    }
    List<ResultColumn> columns = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      Mapping mapping = mapping(metaData.getColumnTypeName(i));
      PgType<?> type = mapping.type();
      Reader reader = mapping.reader();
      CellWriter writer = (row, index, out, binary, options) -> {
        Object value = reader.read(row, index);
        if (value == null) {
          return false;
        }
        if (binary) {
          type.writeBinaryObject(value, out);
        } else {
          type.writeTextObject(value, out, options);
        }
        return true;
      };
      String name = names != null ? names.get(i - 1)
          : ColumnNames.postgres(metaData.getColumnLabel(i));
      columns.add(new ResultColumn(name, type.oid(),
          type.typeLength(),
          mapping.typeModifier(), writer));
    }
    return columns;
  }

  /** A text column read with getString: for results the session builds itself (SHOW). */
  public static ResultColumn text(String name) {
    TextType type = TextType.TEXT;
    CellWriter writer = (row, index, out, binary, options) -> {
      String value = row.getString(index);
      if (value == null) {
        return false;
      }
      if (binary) {
        type.writeBinaryObject(value, out);
      } else {
        type.writeTextObject(value, out, options);
      }
      return true;
    };
    return new ResultColumn(name, type.oid(), type.typeLength(), PgType.NO_TYPE_MODIFIER, writer);
  }

  /**
   * Parameter OIDs for ParameterDescription: what the client declared, else what DuckDB inferred,
   * else text (DuckDB casts a text value to whatever the statement needs).
   */
  public static int[] parameterTypes(ParameterMetaData metaData, int[] declared)
      throws SQLException {
    int count = metaData.getParameterCount();
    int[] types = new int[count];
    for (int i = 0; i < count; i++) {
      int given = i < declared.length ? declared[i] : 0;
      if (given != 0) {
        types[i] = given;
      } else {
        String duckType = metaData.getParameterTypeName(i + 1);
        types[i] = duckType == null || duckType.equals("INVALID") || duckType.equals("UNKNOWN")
            ? PgTypes.TEXT_OID
            : mapping(duckType).type().oid();
      }
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

  /** The PostgreSQL type a DuckDB column type is presented as. */
  public static PgType<?> pgType(String duckType) {
    return mapping(duckType).type();
  }

  /** The DuckDB type of the catalog's tid values (duckgres_ctid). */
  private static final String TID_STRUCT = "STRUCT(tid BIGINT)";

  static Mapping mapping(String duckType) {
    if (duckType.equals("USMALLINT[]")) {
      // The catalog's int2vector columns (pg_index.indkey): DuckDB has no such type, and a list
      // of unsigned 16-bit integers is the catalog's way to mark one (it holds attnums).
      return simple(VectorType.INT2VECTOR, (row, i) -> {
        Array array = row.getArray(i);
        return array == null ? null : DuckDbValues.list(array, 1, v -> ((Number) v).shortValue());
      }, v -> {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "nested arrays are not supported");
      });
    }
    if (duckType.equals(TID_STRUCT)) {
      // ctid (see the RowIdentifiers transform): DuckDB's rowid in a one-field struct, the mark of
      // a tid; its text is {'tid': 65538}.
      return simple(TidType.INSTANCE, (row, i) -> {
        String value = row.getString(i);
        return value == null ? null : Long.parseLong(value.replaceAll("[^0-9]", ""));
      }, v -> {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "arrays of tid are not supported");
      });
    }
    if (duckType.endsWith("]")) {
      return listMapping(duckType);
    }
    if (duckType.startsWith("DECIMAL")) {
      return decimalMapping(duckType);
    }
    switch (duckType) {
      case "BOOLEAN":
        return simple(BooleanType.INSTANCE, (row, i) -> {
          boolean value = row.getBoolean(i);
          return row.wasNull() ? null : value;
        }, Function.identity());
      case "TINYINT":
      case "SMALLINT":
      case "UTINYINT":
        return simple(SmallIntType.INSTANCE, (row, i) -> {
          short value = row.getShort(i);
          return row.wasNull() ? null : value;
        }, v -> ((Number) v).shortValue());
      case "INTEGER":
      case "USMALLINT":
        return simple(IntegerType.INSTANCE, (row, i) -> {
          int value = row.getInt(i);
          return row.wasNull() ? null : value;
        }, v -> ((Number) v).intValue());
      case "BIGINT":
        return simple(BigIntType.INSTANCE, (row, i) -> {
          long value = row.getLong(i);
          return row.wasNull() ? null : value;
        }, v -> ((Number) v).longValue());
      case "UINTEGER":
        // oid is PostgreSQL's unsigned 32-bit integer: the same range. The catalog's type OID
        // columns are UINTEGER so that array_agg of them is oid[], which asyncpg decodes
        // without asking the catalog about int8[] first.
        return simple(OidType.INSTANCE, (row, i) -> {
          long value = row.getLong(i);
          return row.wasNull() ? null : value;
        }, v -> ((Number) v).longValue());
      case "UBIGINT":
      case "HUGEINT":
      case "UHUGEINT":
      case "VARINT":
      case "BIGNUM":
        return simple(NumericType.INSTANCE, (row, i) -> {
          Object value = row.getObject(i);
          return value == null ? null : DuckDbValues.decimal(value);
        }, DuckDbValues::decimal);
      case "FLOAT":
        return simple(RealType.INSTANCE, (row, i) -> {
          float value = row.getFloat(i);
          return row.wasNull() ? null : value;
        }, v -> ((Number) v).floatValue());
      case "DOUBLE":
        return simple(DoubleType.INSTANCE, (row, i) -> {
          double value = row.getDouble(i);
          return row.wasNull() ? null : value;
        }, v -> ((Number) v).doubleValue());
      case "VARCHAR":
        return simple(TextType.TEXT, ResultSet::getString, Object::toString);
      case "BLOB":
        return simple(ByteaType.INSTANCE, DuckDbValues::bytes, v -> v);
      case "DATE":
        // getObject(i) and not getObject(i, LocalDate.class): the latter goes through
        // java.sql.Date, which shifts dates before 1582-10-15 and loses the sign of -infinity.
        return simple(DateType.INSTANCE, (row, i) -> {
          Object value = row.getObject(i);
          return value == null ? null : DuckDbValues.date(DuckDbValues.localDate(value));
        }, v -> DuckDbValues.date(DuckDbValues.localDate(v)));
      case "TIME":
        return simple(TimeType.INSTANCE, (row, i) -> row.getObject(i, LocalTime.class),
            v -> v);
      case "TIME WITH TIME ZONE":
        return simple(TimeTzType.INSTANCE, (row, i) -> row.getObject(i, OffsetTime.class),
            v -> v);
      case "TIMESTAMP":
      case "TIMESTAMP_S":
      case "TIMESTAMP_MS":
      case "TIMESTAMP_NS":
        return simple(TimestampType.INSTANCE, (row, i) -> {
          LocalDateTime value = row.getObject(i, LocalDateTime.class);
          return value == null ? null : DuckDbValues.timestamp(value);
        }, v -> DuckDbValues.timestamp(v instanceof Timestamp
            ? ((Timestamp) v).toLocalDateTime()
            : (LocalDateTime) v));
      case "TIMESTAMP WITH TIME ZONE":
        return simple(TimestampTzType.INSTANCE, (row, i) -> {
          OffsetDateTime value = row.getObject(i, OffsetDateTime.class);
          return value == null ? null : DuckDbValues.timestampTz(value);
        }, v -> DuckDbValues.timestampTz((OffsetDateTime) v));
      case "INTERVAL":
        return simple(IntervalType.INSTANCE, (row, i) -> {
          String value = row.getString(i);
          return value == null ? null : DuckDbValues.interval(value);
        }, v -> DuckDbValues.interval(v.toString()));
      case "UUID":
        return simple(UuidType.INSTANCE, (row, i) -> row.getObject(i, UUID.class),
            v -> v instanceof UUID ? v : UUID.fromString(v.toString()));
      case "JSON":
        return simple(JsonType.JSON, ResultSet::getString, Object::toString);
      default:
        // STRUCT, MAP, UNION, ENUM, BIT, NULL, …: their DuckDB text form.
        return simple(TextType.TEXT, ResultSet::getString, Object::toString);
    }
  }

  private static Mapping simple(PgType<?> type, Reader reader, Function<Object, Object> element) {
    return new Mapping(type, PgType.NO_TYPE_MODIFIER, reader, element);
  }

  private static Mapping decimalMapping(String duckType) {
    if (BareNumeric.isStoredForm(duckType)) {
      // numeric without precision: PostgreSQL prints the value's own digits (1.5, not
      // 1.5000000000), and the column has no type modifier.
      return new Mapping(NumericType.INSTANCE, PgType.NO_TYPE_MODIFIER,
          (row, i) -> ownDigits(row.getBigDecimal(i)),
          v -> ownDigits(v instanceof BigDecimal ? (BigDecimal) v : DuckDbValues.decimal(v)));
    }
    int typeModifier = PgType.NO_TYPE_MODIFIER;
    int open = duckType.indexOf('(');
    int comma = duckType.indexOf(',');
    int close = duckType.indexOf(')');
    if (open > 0 && comma > open && close > comma) {
      int precision = Integer.parseInt(duckType.substring(open + 1, comma).trim());
      int scale = Integer.parseInt(duckType.substring(comma + 1, close).trim());
      typeModifier = NumericType.typeModifier(precision, scale);
    }
    return new Mapping(NumericType.INSTANCE, typeModifier, (row, i) -> row.getBigDecimal(i),
        v -> v instanceof BigDecimal ? v : DuckDbValues.decimal(v));
  }

  private static BigDecimal ownDigits(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /**
   * LIST and fixed-size ARRAY columns, nested ones included: PostgreSQL arrays of the innermost
   * element type ({@code INTEGER[][]} is int4[] with text {@code {{1,2},{3,4}}}). PostgreSQL
   * arrays are rectangular; a ragged DuckDB list fails as it is sent. Lists of STRUCT, MAP or
   * UNION have no PostgreSQL array form: their DuckDB text.
   */
  private static Mapping listMapping(String duckType) {
    String elementType = duckType.substring(0, duckType.lastIndexOf('['));
    int depth = 1;
    while (elementType.endsWith("]")) {
      elementType = elementType.substring(0, elementType.lastIndexOf('['));
      depth++;
    }
    if (elementType.startsWith("STRUCT") || elementType.startsWith("MAP")
        || elementType.startsWith("UNION")) {
      return simple(TextType.TEXT, ResultSet::getString, Object::toString);
    }
    Mapping element = mapping(elementType);
    Function<Object, Object> convert = element.element();
    int levels = depth;
    return simple(PgTypes.arrayOf(element.type()), (row, i) -> {
      Array array = row.getArray(i);
      return array == null ? null : DuckDbValues.list(array, levels, convert);
    }, v -> {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "nested arrays are not supported");
    });
  }

}
