package io.duckgres.pgwire.types;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The registry of wire types: the standard pg_type OIDs (as in PostgreSQL's pg_type.dat), and
 * lookup by OID — for the parameter types a client declares in Parse — and by name, both the
 * typname ({@code int4}, {@code _int4}) and the SQL spellings ({@code integer},
 * {@code character varying}, {@code int4[]}).
 */
public final class PgTypes {
  private PgTypes() {}

  /** A parameter type of 0 in Parse means "unspecified": the server infers it. */
  public static final int UNSPECIFIED_OID = 0;

  public static final int BOOL_OID = 16;
  public static final int BYTEA_OID = 17;
  public static final int CHAR_OID = 18;
  public static final int NAME_OID = 19;
  public static final int INT8_OID = 20;
  public static final int INT2_OID = 21;
  public static final int INT4_OID = 23;
  public static final int TEXT_OID = 25;
  public static final int OID_OID = 26;
  public static final int JSON_OID = 114;
  public static final int XML_OID = 142;
  public static final int FLOAT4_OID = 700;
  public static final int FLOAT8_OID = 701;
  public static final int UNKNOWN_OID = 705;
  public static final int BPCHAR_OID = 1042;
  public static final int VARCHAR_OID = 1043;
  public static final int DATE_OID = 1082;
  public static final int TIME_OID = 1083;
  public static final int TIMESTAMP_OID = 1114;
  public static final int TIMESTAMPTZ_OID = 1184;
  public static final int INTERVAL_OID = 1186;
  public static final int TIMETZ_OID = 1266;
  public static final int NUMERIC_OID = 1700;
  public static final int UUID_OID = 2950;
  public static final int JSONB_OID = 3802;

  public static final int JSON_ARRAY_OID = 199;
  public static final int XML_ARRAY_OID = 143;
  public static final int BOOL_ARRAY_OID = 1000;
  public static final int BYTEA_ARRAY_OID = 1001;
  public static final int CHAR_ARRAY_OID = 1002;
  public static final int NAME_ARRAY_OID = 1003;
  public static final int INT2_ARRAY_OID = 1005;
  public static final int INT4_ARRAY_OID = 1007;
  public static final int TEXT_ARRAY_OID = 1009;
  public static final int BPCHAR_ARRAY_OID = 1014;
  public static final int VARCHAR_ARRAY_OID = 1015;
  public static final int INT8_ARRAY_OID = 1016;
  public static final int FLOAT4_ARRAY_OID = 1021;
  public static final int FLOAT8_ARRAY_OID = 1022;
  public static final int OID_ARRAY_OID = 1028;
  public static final int TIMESTAMP_ARRAY_OID = 1115;
  public static final int DATE_ARRAY_OID = 1182;
  public static final int TIME_ARRAY_OID = 1183;
  public static final int TIMESTAMPTZ_ARRAY_OID = 1185;
  public static final int INTERVAL_ARRAY_OID = 1187;
  public static final int NUMERIC_ARRAY_OID = 1231;
  public static final int TIMETZ_ARRAY_OID = 1270;
  public static final int UUID_ARRAY_OID = 2951;
  public static final int JSONB_ARRAY_OID = 3807;

  private static final Map<Integer, PgType<?>> BY_OID = new LinkedHashMap<>();
  private static final Map<String, PgType<?>> BY_NAME = new HashMap<>();

  static {
    PgType<?>[] scalars = {
      BooleanType.INSTANCE, ByteaType.INSTANCE, CharType.INSTANCE, TextType.NAME,
      BigIntType.INSTANCE, SmallIntType.INSTANCE, IntegerType.INSTANCE, TextType.TEXT,
      OidType.INSTANCE, JsonType.JSON, TextType.XML, RealType.INSTANCE, DoubleType.INSTANCE,
      TextType.UNKNOWN, TextType.BPCHAR, TextType.VARCHAR, DateType.INSTANCE, TimeType.INSTANCE,
      TimestampType.INSTANCE, TimestampTzType.INSTANCE, IntervalType.INSTANCE,
      TimeTzType.INSTANCE, NumericType.INSTANCE, UuidType.INSTANCE, JsonType.JSONB,
    };
    for (PgType<?> type : scalars) {
      register(type);
    }
    for (PgType<?> type : scalars) {
      if (type.arrayOid() != 0) {
        PgArrayType array = new PgArrayType(type);
        register(array);
        BY_NAME.put(type.name() + "[]", array);
      }
    }
    String[][] aliases = {
      {"boolean", "bool"}, {"smallint", "int2"}, {"integer", "int4"}, {"int", "int4"},
      {"bigint", "int8"}, {"real", "float4"}, {"double precision", "float8"},
      {"float", "float8"}, {"decimal", "numeric"}, {"character varying", "varchar"},
      {"character", "bpchar"}, {"\"char\"", "char"},
      {"time without time zone", "time"}, {"time with time zone", "timetz"},
      {"timestamp without time zone", "timestamp"}, {"timestamp with time zone", "timestamptz"},
    };
    for (String[] alias : aliases) {
      BY_NAME.put(alias[0], BY_NAME.get(alias[1]));
      BY_NAME.put(alias[0] + "[]", BY_NAME.get("_" + alias[1]));
    }
  }

  private static void register(PgType<?> type) {
    BY_OID.put(type.oid(), type);
    BY_NAME.put(type.name(), type);
  }

  /** The type with this OID, or null when the server does not know it. */
  public static PgType<?> byOid(int oid) {
    return BY_OID.get(oid);
  }

  /**
   * The type with this name, or null. Takes typnames ({@code int4}, {@code _text}), SQL names
   * ({@code integer}, {@code timestamp with time zone}) and {@code name[]} array spellings,
   * case-insensitively. A typname wins over an SQL spelling: {@code char} is the one-byte
   * {@code "char"} (OID 18), as in pg_type; SQL's {@code char(n)} is {@code character} /
   * {@code bpchar}.
   */
  public static PgType<?> byName(String name) {
    PgType<?> type = BY_NAME.get(name);
    return type != null ? type : BY_NAME.get(name.trim().toLowerCase(Locale.ROOT));
  }

  /** The array type whose elements are of {@code element}, or null. */
  public static PgArrayType arrayOf(PgType<?> element) {
    PgType<?> array = BY_OID.get(element.arrayOid());
    return array instanceof PgArrayType a ? a : null;
  }

  /** All registered types: the scalars in OID order, then their array types. */
  public static Collection<PgType<?>> all() {
    return Collections.unmodifiableCollection(BY_OID.values());
  }
}
